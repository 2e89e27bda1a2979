using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Forums.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Forums.Pages;

/// <summary>An author changes their post, within <see cref="ForumService.EditWindow"/> of posting and while the topic is open.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditPostModel(ForumAccess access, ForumService forums) : PageModel
{
    public ForumTopic Topic { get; private set; } = null!;
    public bool IsPupil { get; private set; }
    public DateTime Deadline { get; private set; }

    [BindProperty]
    public string Body { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await OpenAsync(id, ct) is not { } post)
        {
            return NotFound();
        }
        if (!forums.MayChange(Topic, Rights, post.AuthorId, post.IsHidden, post.IsDeleted, post.CreatedAt))
        {
            return Forbid();
        }
        Body = post.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await OpenAsync(id, ct) is not { } post)
        {
            return NotFound();
        }
        if (!forums.MayChange(Topic, Rights, post.AuthorId, post.IsHidden, post.IsDeleted, post.CreatedAt))
        {
            ModelState.AddModelError(nameof(Body), "Le délai de 30 minutes pour modifier ce message est passé : vous pouvez écrire une nouvelle réponse.");
            return Page();
        }
        if (await access.ClosedReasonAsync(ct) is { } closed)
        {
            ModelState.AddModelError(nameof(Body), closed);
            return Page();
        }
        var (body, isHtml) = ForumText.Clean(Body ?? "", Rights.IsPupil);
        if (body.Length == 0 || body.Length > ForumText.MaxLength)
        {
            ModelState.AddModelError(nameof(Body), body.Length == 0 ? "Écrivez votre message." : "Le message fait au plus 10 000 caractères.");
            return Page();
        }
        await forums.EditAsync(id, body, isHtml, ct);
        TempData["Notice"] = "Votre message est modifié.";
        return Redirect($"/forum/sujet/{Topic.Id}?p=0#message-{id}");
    }

    private ForumRights Rights { get; set; } = ForumRights.None;

    private async Task<ForumPost?> OpenAsync(Guid id, CancellationToken ct)
    {
        if (await access.OpenPostAsync(id, ct) is not { } opened)
        {
            return null;
        }
        (var post, Topic, Rights) = opened;
        IsPupil = Rights.IsPupil;
        Deadline = post.CreatedAt + ForumService.EditWindow;
        return post;
    }
}
