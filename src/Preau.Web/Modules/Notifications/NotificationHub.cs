using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Notifications;

/// <summary>
/// Live unread counter. The server only pushes ("unread", count) to the group of one person; the client calls nothing.
/// On connection the current count is sent, so a page never misses what happened between its rendering and its connection.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NotificationHub(UnreadCounter counter) : Hub
{
    public const string Path = "/hubs/notifications";

    public static string GroupOf(Guid personId) => "person:" + personId.ToString("N");

    public override async Task OnConnectedAsync()
    {
        if (Guid.TryParse(Context.UserIdentifier, out var personId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(personId));
            await Clients.Caller.SendAsync("unread", await counter.CountAsync(personId));
        }
        await base.OnConnectedAsync();
    }
}
