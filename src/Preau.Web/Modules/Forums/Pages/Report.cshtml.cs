using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Forums.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Forums.Pages;

/// <summary>« Signaler » a post to the forum's moderators, with an optional reason; any reader of the forum may, except its author.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReportModel(ForumAccess access, ForumService forums) : PageModel
{
    public ForumTopic Topic { get; private set; } = null!;
    public ForumPost Post { get; private set; } = null!;
    public string Author { get; private set; } = "";

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } rights && rights.PersonId != Post.AuthorId ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } rights || rights.PersonId == Post.AuthorId)
        {
            return NotFound();
        }
        if (Reason?.Length > 1000)
        {
            ModelState.AddModelError(nameof(Reason), "La raison fait au plus 1 000 caractères.");
            return Page();
        }
        var filed = await forums.ReportAsync(Topic, id, rights.PersonId, Reason, ct);
        TempData["Notice"] = filed
            ? "Merci : le message est signalé aux modérateurs du forum."
            : "Vous avez déjà signalé ce message ; les modérateurs vont le regarder.";
        return Redirect($"/forum/sujet/{Topic.Id}#message-{id}");
    }

    private async Task<ForumRights?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.OpenPostAsync(id, ct) is not { } opened || opened.Post.IsDeleted)
        {
            return null;
        }
        (Post, Topic, var rights) = opened;
        Author = await access.PersonNameAsync(Post.AuthorId, ct);
        return rights;
    }
}
