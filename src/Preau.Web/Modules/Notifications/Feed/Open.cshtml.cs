using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications.Feed;

/// <summary>Follows one's own notification: marks it read and goes to its (local) address; someone else's answers 404.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class OpenModel(PreauDbContext db, AccessContext context, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var personId = context.PersonId!.Value;
        var item = await db.NotificationItems.AsNoTracking().Where(i => i.Id == id && i.PersonId == personId)
            .Select(i => new { i.Url, i.ReadAt }).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return NotFound();
        }
        if (item.ReadAt is null)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await db.NotificationItems.Where(i => i.Id == id && i.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), ct);
        }
        // Checked again on the way out: only an address of this site is ever followed.
        return Redirect(LocalUrl.IsLocal(item.Url) ? item.Url : "/notifications");
    }
}
