using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Forums.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Forums.Pages;

/// <summary>
/// A topic's posts, oldest first and paged; reading a page moves the reader's unread marker. Writers reply (quoting a
/// post if they like) while the topic is open, authors change or delete their post within <see cref="ForumService.EditWindow"/>,
/// moderators hide posts, lock and pin the topic; every reader can report a post.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TopicModel(ForumAccess access, ForumService forums) : PageModel
{
    public ForumTopic Topic { get; private set; } = null!;
    public ForumSpace Space { get; private set; } = null!;
    public ForumRights Rights { get; private set; } = ForumRights.None;
    public Paged<PostRow> Posts { get; private set; } = new([], 1, ForumService.PostsPerPage, 0);
    public string? ClosedReason { get; private set; }
    /// <summary>The post the reply form quotes (« Citer »).</summary>
    public PostRow? Quoting { get; private set; }

    [BindProperty]
    public string Body { get; set; } = "";

    [BindProperty]
    public Guid? QuotedPostId { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public bool MayChange(PostRow p) => forums.MayChange(Topic, Rights, p.AuthorId, p.IsHidden, p.IsDeleted, p.CreatedAt);

    public bool MayReply => Rights.Write && !Topic.IsLocked;

    public async Task<IActionResult> OnGetAsync(Guid id, int p = 1, Guid? citer = null, CancellationToken ct = default)
    {
        if (!await LoadAsync(id, p, ct))
        {
            return NotFound();
        }
        if (Posts.Items.Count > 0)
        {
            await forums.MarkReadAsync(id, Rights.PersonId, Posts.Items.Max(x => x.CreatedAt), ct);
        }
        if (citer is { } q && MayReply)
        {
            Quoting = await QuotableAsync(q, ct);
            QuotedPostId = Quoting?.Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, 0, ct) || !Rights.Write)
        {
            return NotFound();
        }
        if (QuotedPostId is { } q)
        {
            Quoting = await QuotableAsync(q, ct);
        }
        if (Topic.IsLocked)
        {
            ModelState.AddModelError(nameof(Body), "Ce sujet est verrouillé : on n'y répond plus.");
            return Page();
        }
        if (ClosedReason is not null)
        {
            return Page();
        }
        var (body, isHtml) = ForumText.Clean(Body ?? "", Rights.IsPupil);
        if (body.Length == 0)
        {
            ModelState.AddModelError(nameof(Body), "Écrivez votre message.");
            return Page();
        }
        if (body.Length > ForumText.MaxLength)
        {
            ModelState.AddModelError(nameof(Body), "Le message fait au plus 10 000 caractères.");
            return Page();
        }
        var post = await forums.ReplyAsync(Topic, Rights, body, isHtml, Quoting?.Id, ct);
        Notice = "Votre réponse est publiée.";
        return Redirect($"/forum/sujet/{id}?p=0#message-{post.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid postId, CancellationToken ct)
    {
        if (!await LoadAsync(id, 1, ct) || await access.OpenPostAsync(postId, ct) is not { } opened || opened.Topic.Id != id)
        {
            return NotFound();
        }
        if (!forums.MayChange(Topic, Rights, opened.Post.AuthorId, opened.Post.IsHidden, opened.Post.IsDeleted, opened.Post.CreatedAt))
        {
            return Forbid();
        }
        await forums.DeleteAsync(postId, ct);
        Notice = "Votre message est supprimé.";
        return Redirect($"/forum/sujet/{id}?p=0");
    }

    public Task<IActionResult> OnPostHideAsync(Guid id, Guid postId, CancellationToken ct) => HideAsync(id, postId, true, ct);

    public Task<IActionResult> OnPostShowAsync(Guid id, Guid postId, CancellationToken ct) => HideAsync(id, postId, false, ct);

    public Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken ct) =>
        ModerateAsync(id, () => forums.SetLockedAsync(id, true, ct), "Le sujet est verrouillé : plus personne n'y répond.", ct);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) =>
        ModerateAsync(id, () => forums.SetLockedAsync(id, false, ct), "Le sujet est rouvert aux réponses.", ct);

    public Task<IActionResult> OnPostPinAsync(Guid id, CancellationToken ct) =>
        ModerateAsync(id, () => forums.SetPinnedAsync(id, true, ct), "Le sujet est épinglé en tête du forum.", ct);

    public Task<IActionResult> OnPostUnpinAsync(Guid id, CancellationToken ct) =>
        ModerateAsync(id, () => forums.SetPinnedAsync(id, false, ct), "Le sujet n'est plus épinglé.", ct);

    private async Task<IActionResult> HideAsync(Guid id, Guid postId, bool hidden, CancellationToken ct)
    {
        if (!await LoadAsync(id, 1, ct))
        {
            return NotFound();
        }
        if (!Rights.Moderate)
        {
            return Forbid();
        }
        if (!await forums.SetHiddenAsync(id, postId, hidden, Rights.PersonId, ct))
        {
            return NotFound();
        }
        Notice = hidden ? "Le message est masqué : seuls les modérateurs le voient." : "Le message est de nouveau visible.";
        return Redirect($"/forum/sujet/{id}#message-{postId}");
    }

    private async Task<IActionResult> ModerateAsync(Guid id, Func<Task> action, string notice, CancellationToken ct)
    {
        if (!await LoadAsync(id, 1, ct))
        {
            return NotFound();
        }
        if (!Rights.Moderate)
        {
            return Forbid();
        }
        await action();
        Notice = notice;
        return Redirect($"/forum/sujet/{id}");
    }

    private async Task<PostRow?> QuotableAsync(Guid postId, CancellationToken ct) =>
        await access.OpenPostAsync(postId, ct) is { } q && q.Topic.Id == Topic.Id && !q.Post.IsDeleted && !q.Post.IsHidden
            ? new PostRow(q.Post.Id, q.Post.AuthorId, await access.PersonNameAsync(q.Post.AuthorId, ct), q.Post.Body, q.Post.IsHtml, false, false, q.Post.CreatedAt, null, null)
            : null;

    private async Task<bool> LoadAsync(Guid id, int page, CancellationToken ct)
    {
        if (await access.OpenTopicAsync(id, ct) is not { } opened || await access.SpaceAsync(opened.Topic.ScopeType, opened.Topic.ScopeId, ct) is not { } space)
        {
            return false;
        }
        (Topic, Rights) = opened;
        Space = space;
        Posts = await forums.PostsAsync(id, Rights, page, ct);
        if (Rights.Write)
        {
            ClosedReason = await access.ClosedReasonAsync(ct);
        }
        return true;
    }
}
