using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>
/// « Signaler » a published article (any signed-in reader) or one of its visible comments (the blog's members, who
/// alone see comments) to the blog's moderators, with an optional reason; never one's own.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReportModel(BlogQueries queries, BlogActions actions, PreauDbContext db) : BlogPageModel
{
    public BlogArticle Article { get; private set; } = null!;
    public BlogComment? Comment { get; private set; }
    public string Author { get; private set; } = "";

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, string article, Guid? commentaire, CancellationToken ct) =>
        await LoadAsync(slug, article, commentaire, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, string article, Guid? commentaire, CancellationToken ct)
    {
        if (!await LoadAsync(slug, article, commentaire, ct))
        {
            return NotFound();
        }
        if (Reason?.Length > 1000)
        {
            ModelState.AddModelError(nameof(Reason), "La raison fait au plus 1 000 caractères.");
            return Page();
        }
        var filed = await actions.ReportAsync(B, Article, Comment, Reason, ct);
        TempData["Notice"] = filed
            ? "Merci : c'est signalé aux enseignants qui modèrent ce blog."
            : "Vous l'avez déjà signalé ; les enseignants qui modèrent ce blog vont le regarder.";
        return Redirect($"{B.Url}/{Article.Slug}" + (Comment is null ? "" : "#comments-title"));
    }

    private async Task<bool> LoadAsync(string slug, string article, Guid? commentId, CancellationToken ct)
    {
        if (await queries.OpenAsync(slug, ct) is not { } b || await queries.ReadableAsync(b, article, ct) is not { } entity
            || entity.Status != ArticleStatus.Published || entity.PublishAt > queries.Now)
        {
            return false;
        }
        B = b;
        SetRobots(readingPage: false);
        Article = entity;
        var authorId = entity.AuthorId;
        if (commentId is { } id)
        {
            Comment = b.Rights.IsMember
                ? await db.BlogComments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ArticleId == entity.Id && c.Status == CommentStatus.Visible, ct)
                : null;
            if (Comment is null)
            {
                return false;
            }
            authorId = Comment.AuthorId;
        }
        if (authorId == b.Rights.PersonId)
        {
            return false;
        }
        Author = await db.Persons.AsNoTracking().Where(p => p.Id == authorId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct) ?? "";
        return true;
    }
}
