using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Messaging.Mailbox;

/// <summary>A folder of the messagerie (inbox, sent, drafts, trash) or the search in one's own mail, 20 per page, newest first.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class FolderModel(AccessContext context, MailQueries queries) : PageModel
{
    public Folder Folder { get; private set; }
    public Paged<MailRow> Rows { get; private set; } = new([], 1, MailQueries.PageSize, 0);
    public int Unread { get; private set; }
    public string? Q { get; private set; }
    public bool MayModerate { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string? dossier, string? q, int p = 1, CancellationToken ct = default)
    {
        Folder = dossier switch
        {
            null or "" => Folder.Inbox,
            "envoyes" => Folder.Sent,
            "brouillons" => Folder.Drafts,
            "corbeille" => Folder.Trash,
            "recherche" => Folder.Search,
            _ => (Folder)(-1),
        };
        if (!Enum.IsDefined(Folder))
        {
            return NotFound();
        }
        Q = q?.Trim();
        if (Folder == Folder.Search && string.IsNullOrEmpty(Q))
        {
            return Redirect("/messagerie");
        }
        var a = await context.GetAsync(ct);
        MayModerate = Moderation.ModerationService.MayModerate(a);
        if (Folder == Folder.Inbox)
        {
            (Rows, Unread) = await queries.InboxAsync(a.PersonId, p, ct);
            return Page();
        }
        Unread = await queries.UnreadAsync(a.PersonId, ct);
        Rows = await queries.FolderAsync(a.PersonId, Folder, Q, p, ct);
        return Page();
    }
}
