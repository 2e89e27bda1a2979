using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk.Help;

/// <summary>Writes or updates one help page or known problem; the body goes through the blogs' sanitizer (no images).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(PreauDbContext db, HelpdeskAccess access, AuditTrail audit, TimeProvider time) : PageModel
{
    [BindProperty]
    public HelpArticleKind Kind { get; set; }

    [BindProperty]
    public string? Service { get; set; }

    // Nullable: an empty field reaches the French checks below instead of the framework's English "required".
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool IsResolved { get; set; }

    public bool IsNew { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!(await access.AgentAsync(ct)).IsLevel1)
        {
            return Forbid();
        }
        if (id is { } i)
        {
            if (await db.HelpdeskArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == i, ct) is not { } a)
            {
                return NotFound();
            }
            (Kind, Service, Title, Body, IsResolved, IsNew) = (a.Kind, a.Service, a.Title, a.BodyHtml, a.IsResolved, false);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        var agent = await access.AgentAsync(ct);
        if (!agent.IsLevel1)
        {
            return Forbid();
        }
        HelpArticle? article = null;
        if (id is { } i && (article = await db.HelpdeskArticles.FirstOrDefaultAsync(a => a.Id == i, ct)) is null)
        {
            return NotFound();
        }
        IsNew = article is null;
        var body = BlogHtml.Sanitize(Body ?? "", new HashSet<Guid>());
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            ModelState.AddModelError(nameof(Title), "Donnez un titre (200 caractères au plus).");
        }
        if (body.Length == 0 || body.Length > 40000)
        {
            ModelState.AddModelError(nameof(Body), "Écrivez le texte de la page.");
        }
        if (Kind == HelpArticleKind.ServiceHelp && HelpServices.Find(Service) is null)
        {
            ModelState.AddModelError(nameof(Service), "Choisissez le service.");
        }
        if (!ModelState.IsValid || !Enum.IsDefined(Kind))
        {
            return Page();
        }
        if (article is null)
        {
            article = new HelpArticle { Title = "", BodyHtml = "" };
            db.HelpdeskArticles.Add(article);
        }
        article.Kind = Kind;
        article.Service = Kind == HelpArticleKind.ServiceHelp ? Service : null;
        article.Title = Title!.Trim();
        article.BodyHtml = body;
        article.IsResolved = Kind == HelpArticleKind.KnownProblem && IsResolved;
        article.UpdatedAt = time.GetUtcNow().UtcDateTime;
        article.UpdatedById = agent.PersonId;
        audit.Add(agent.PersonId, IsNew ? "helpdesk.article.created" : "helpdesk.article.updated", "help-article", article.Id, article.Title);
        await db.SaveChangesAsync(ct);
        return Redirect($"/aide/{article.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var agent = await access.AgentAsync(ct);
        if (!agent.IsLevel1)
        {
            return Forbid();
        }
        if (await db.HelpdeskArticles.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } article)
        {
            return NotFound();
        }
        db.HelpdeskArticles.Remove(article);
        audit.Add(agent.PersonId, "helpdesk.article.deleted", "help-article", id, article.Title);
        await db.SaveChangesAsync(ct);
        return Redirect("/aide/gerer");
    }
}
