using Preau.Web.Modules.News.Data;

namespace Preau.Web.Modules.News;

/// <summary>
/// Called once a news item is saved, when it is created or put back online: announces it at once if it is due
/// (the first chunks of its audience in the request, the rest by <see cref="NewsAnnouncementService"/>); an item
/// whose publication date is in the future is announced by that service when due. Exactly once per item.
/// </summary>
public class NewsPublishedHooks(NewsAnnouncer announcer, TimeProvider time, ILogger<NewsPublishedHooks> logger)
{
    /// <summary>Chunks announced within the author's request; a larger audience is finished in the background.</summary>
    public const int InlineChunks = 5;

    public virtual async Task PublishedAsync(NewsItem item, CancellationToken ct = default)
    {
        // Identifiers only: the title may name pupils or events.
        logger.LogInformation("News {NewsId} published for {ScopeType} {ScopeId}", item.Id, item.ScopeType, item.ScopeId);
        await announcer.AnnounceAsync(item.Id, time.GetUtcNow().UtcDateTime, InlineChunks, ct);
    }
}
