using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk.Help;

/// <summary>A known problem (/aide/{id}) or a service's help page (/aide/service/{key}), for every signed-in person.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ArticleModel(PreauDbContext db) : PageModel
{
    public HelpArticle Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid? id, string? service, CancellationToken ct)
    {
        var query = db.HelpdeskArticles.AsNoTracking();
        var article = id is { } i
            ? await query.FirstOrDefaultAsync(a => a.Id == i, ct)
            : await query.Where(a => a.Kind == HelpArticleKind.ServiceHelp && a.Service == service).OrderByDescending(a => a.UpdatedAt).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            return NotFound();
        }
        Article = article;
        return Page();
    }
}
