using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.News.Pages;

/// <summary>One news item, for those who see it now and for the writers of its scope.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(NewsQueries queries, INotificationReads reads) : PageModel
{
    public NewsView Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var item = await queries.FindReadableAsync(id, ct);
        if (item is null)
        {
            return NotFound();
        }
        Item = item;
        // Opened here, its notifications are read (the bell stops counting them).
        await reads.MarkReadAsync($"/actualites/{id}", ct);
        return Page();
    }
}
