using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Files.Contracts;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>
/// One article with its photos and comments. Anonymous visitors reach only published articles of public blogs that no
/// photo authorisation holds back; members comment (moderated as the blog's owner chose), moderators approve or hide.
/// </summary>
[AllowAnonymous]
public sealed class ArticleModel(BlogQueries queries, BlogActions actions, IFileService files) : BlogPageModel
{
    public ArticleRow Article { get; private set; } = null!;
    public IReadOnlyList<CommentRow> Comments { get; private set; } = [];
    public IReadOnlyList<FileInfoRow> Images { get; private set; } = [];
    public IReadOnlyList<FileInfoRow> Attachments { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public bool PhotoBlocked { get; private set; }
    public DateTime Now { get; private set; }

    [BindProperty]
    public string Body { get; set; } = "";

    private BlogArticle _entity = null!;

    public async Task<IActionResult> OnGetAsync(string slug, string article, CancellationToken ct)
    {
        if (!await LoadAsync(slug, article, ct))
        {
            return NotFound();
        }
        // An article opened from a notification is a visit of the blog: its « new » count on the home page is cleared.
        Home.Contracts.ServiceVisit.Mark(HttpContext, Home.Contracts.ServiceKeys.Blog, B.Blog.ScopeId);
        return Page();
    }

    public async Task<IActionResult> OnPostCommentAsync(string slug, string article, CancellationToken ct)
    {
        if (!await LoadAsync(slug, article, ct) || !B.Rights.MayComment || _entity.Status != ArticleStatus.Published)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Body))
        {
            ModelState.AddModelError("Body", "Écrivez votre commentaire.");
            return Page();
        }
        var status = await actions.CommentAsync(B, _entity, Body, ct);
        TempData["Notice"] = status == CommentStatus.Pending ? "Merci ! Votre commentaire sera affiché après relecture." : "Votre commentaire est publié.";
        return Redirect($"{B.Url}/{_entity.Slug}#comments-title");
    }

    public Task<IActionResult> OnPostApproveAsync(string slug, string article, Guid commentId, CancellationToken ct) =>
        ModerateAsync(slug, article, commentId, CommentStatus.Visible, ct);

    public Task<IActionResult> OnPostHideAsync(string slug, string article, Guid commentId, CancellationToken ct) =>
        ModerateAsync(slug, article, commentId, CommentStatus.Hidden, ct);

    private async Task<IActionResult> ModerateAsync(string slug, string article, Guid commentId, CommentStatus status, CancellationToken ct)
    {
        if (!await LoadAsync(slug, article, ct) || !B.Rights.MayModerate || !await actions.ModerateCommentAsync(B, commentId, status, ct))
        {
            return NotFound();
        }
        TempData["Notice"] = status == CommentStatus.Visible ? "Le commentaire est affiché." : "Le commentaire est masqué.";
        return Redirect($"{B.Url}/{_entity.Slug}#comments-title");
    }

    private async Task<bool> LoadAsync(string slug, string article, CancellationToken ct)
    {
        if (await queries.OpenAsync(slug, ct) is not { } b || await queries.ReadableAsync(b, article, ct) is not { } entity)
        {
            return false;
        }
        B = b;
        _entity = entity;
        Now = queries.Now;
        SetRobots(readingPage: entity.Status == ArticleStatus.Published);
        Article = await queries.RowAsync(entity.Id, ct);
        MayEdit = BlogActions.MayEdit(b, entity);
        PhotoBlocked = MayEdit && b.Blog.Visibility != BlogVisibility.Members && await queries.IsPhotoBlockedAsync(entity.Id, ct);
        var all = (await files.ListAsync(BlogActions.FilePurpose, [entity.Id], ct))[entity.Id].ToList();
        var inline = BlogHtml.ImageIds(entity.Body).ToHashSet();
        Images = [.. all.Where(f => f.IsImage && !inline.Contains(f.Id))];
        Attachments = [.. all.Where(f => !f.IsImage)];
        if (b.Rights.IsMember)
        {
            Comments = await queries.CommentsAsync(b, entity.Id, ct);
        }
        return true;
    }
}
