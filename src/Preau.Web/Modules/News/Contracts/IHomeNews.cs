namespace Preau.Web.Modules.News.Contracts;

/// <summary>A news item as the home page shows it: <paramref name="Excerpt"/> is plain text, to be encoded; <paramref name="Source"/> is the school or collectivité, null for the territory.</summary>
public sealed record HomeNewsItem(Guid Id, string Title, string Excerpt, string? Source, DateTime PublishAt, bool IsImportant);

/// <summary>The news the current person sees on their home page, in one query.</summary>
public interface IHomeNews
{
    /// <summary>The <paramref name="take"/> most relevant (important first, then most recent) visible now, and whether there are more.</summary>
    Task<(IReadOnlyList<HomeNewsItem> Items, bool HasMore)> GetAsync(int take, CancellationToken ct = default);
}
