using System.Threading.Channels;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications;

/// <summary>Adds feed items and their outbox rows to the caller's unit of work; saves nothing itself.</summary>
internal sealed class Notifier(PreauDbContext db, TimeProvider time, DispatchSignal signal, IHttpContextAccessor http) : INotifier
{
    private bool _wakeOnSave;

    public void Enqueue(IReadOnlyCollection<Guid> personIds, NotificationKind kind, string title, string url, bool fromPupilContent = false)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        if (!LocalUrl.IsLocal(url))
        {
            throw new ArgumentException("A notification leads to a local relative URL only.", nameof(url));
        }
        title = title.Trim();
        if (title.Length == 0)
        {
            throw new ArgumentException("A notification needs a title.", nameof(title));
        }
        if (title.Length > 200)
        {
            title = title[..199] + "…";
        }
        var now = time.GetUtcNow().UtcDateTime;
        var baseUrl = http.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}" : null;
        if (baseUrl is { Length: > 200 })
        {
            baseUrl = null;
        }
        foreach (var personId in personIds.Distinct())
        {
            // An alert about the account is a record in the feed, not news to count: the e-mail is the alert (it is for
            // when it was not them, and whoever signed in would read the feed too).
            var item = new FeedItem
            {
                PersonId = personId, Kind = kind, Title = title, Url = url, FromPupilContent = fromPupilContent, CreatedAt = now,
                ReadAt = kind == NotificationKind.Security ? now : null,
            };
            db.Add(item);
            db.Add(new OutboxEntry { ItemId = item.Id, PersonId = personId, CreatedAt = now, NextAttemptAt = now, BaseUrl = baseUrl });
        }
        if (!_wakeOnSave)
        {
            // The dispatcher is woken once the caller has committed, so the live counter moves at once.
            _wakeOnSave = true;
            db.SavedChanges += (_, _) => signal.Wake();
        }
    }
}

/// <summary>Wakes the dispatcher loop early when rows were committed; a missed wake only costs one poll interval.</summary>
internal sealed class DispatchSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken ct)
    {
        await _channel.Reader.WaitToReadAsync(ct);
        _channel.Reader.TryRead(out _);
    }
}

internal static class LocalUrl
{
    /// <summary>"/x…" but neither "//host" nor "/\host" (both leave the site in browsers).</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= 500 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
