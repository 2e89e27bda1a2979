using Preau.Web.Modules.News.Data;

namespace Preau.Web.Modules.News;

/// <summary>
/// The seam through which other modules will learn that a news item was published (the notifications feed,
/// later). Called once the item is saved, when it is created or put back online; an item whose publication
/// date is in the future is announced at that moment with its <see cref="NewsItem.PublishAt"/>, so a listener
/// must respect it. Sends no e-mail.
/// </summary>
public class NewsPublishedHooks(ILogger<NewsPublishedHooks> logger)
{
    public virtual Task PublishedAsync(NewsItem item, CancellationToken ct = default)
    {
        // Identifiers only: the title may name pupils or events.
        logger.LogInformation("News {NewsId} published for {ScopeType} {ScopeId}", item.Id, item.ScopeType, item.ScopeId);
        return Task.CompletedTask;
    }
}
