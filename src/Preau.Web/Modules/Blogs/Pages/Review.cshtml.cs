using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>The moderators' desk: pupils' articles to publish or send back, reported articles and comments, comments waiting for approval.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReviewModel(BlogQueries queries, BlogActions actions) : BlogPageModel
{
    public IReadOnlyList<ArticleRow> Articles { get; private set; } = [];
    public IReadOnlyList<(CommentRow Comment, string Title, string Slug)> PendingComments { get; private set; } = [];
    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(string slug, Guid articleId, CancellationToken ct)
    {
        if (!await OpenAsync(slug, ct) || !await actions.ReviewAsync(B, articleId, approve: true, null, ct))
        {
            return NotFound();
        }
        TempData["Notice"] = "L'article est publié.";
        return Redirect($"{B.Url}/a-valider");
    }

    public async Task<IActionResult> OnPostReturnAsync(string slug, Guid articleId, string? comment, CancellationToken ct)
    {
        if (!await OpenAsync(slug, ct) || !await actions.ReviewAsync(B, articleId, approve: false, comment, ct))
        {
            return NotFound();
        }
        TempData["Notice"] = "L'article est renvoyé à son auteur.";
        return Redirect($"{B.Url}/a-valider");
    }

    public Task<IActionResult> OnPostHideReportedAsync(string slug, Guid reportId, CancellationToken ct) => CloseReportAsync(slug, reportId, hide: true, ct);

    public Task<IActionResult> OnPostKeepReportedAsync(string slug, Guid reportId, CancellationToken ct) => CloseReportAsync(slug, reportId, hide: false, ct);

    private async Task<IActionResult> CloseReportAsync(string slug, Guid reportId, bool hide, CancellationToken ct)
    {
        if (!await OpenAsync(slug, ct) || !await actions.CloseReportAsync(B, reportId, hide, ct))
        {
            return NotFound();
        }
        TempData["Notice"] = hide ? "Le commentaire est masqué et le signalement traité." : "Le signalement est traité ; le contenu reste affiché.";
        return Redirect($"{B.Url}/a-valider#signalements");
    }

    public Task<IActionResult> OnPostApproveAsync(string slug, Guid commentId, CancellationToken ct) => ModerateAsync(slug, commentId, CommentStatus.Visible, ct);

    public Task<IActionResult> OnPostHideAsync(string slug, Guid commentId, CancellationToken ct) => ModerateAsync(slug, commentId, CommentStatus.Hidden, ct);

    private async Task<IActionResult> ModerateAsync(string slug, Guid commentId, CommentStatus status, CancellationToken ct)
    {
        if (!await OpenAsync(slug, ct) || !await actions.ModerateCommentAsync(B, commentId, status, ct))
        {
            return NotFound();
        }
        TempData["Notice"] = status == CommentStatus.Visible ? "Le commentaire est affiché." : "Le commentaire est masqué.";
        return Redirect($"{B.Url}/a-valider");
    }

    private async Task<bool> OpenAsync(string slug, CancellationToken ct)
    {
        if (await queries.OpenAsync(slug, ct) is not { } b || !b.Rights.MayModerate)
        {
            return false;
        }
        B = b;
        SetRobots(readingPage: false);
        return true;
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (!await OpenAsync(slug, ct))
        {
            return false;
        }
        Articles = await queries.SubmittedAsync(B, ct);
        PendingComments = await queries.PendingCommentsAsync(B, ct);
        Reports = await queries.OpenReportsAsync(B, ct);
        return true;
    }
}
