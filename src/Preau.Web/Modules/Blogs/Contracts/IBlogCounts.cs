namespace Preau.Web.Modules.Blogs.Contracts;

/// <summary>For the home page: pupils' articles waiting for validation on the blogs of the spaces a person runs.</summary>
public interface IBlogCounts
{
    /// <summary>Submitted articles per space id (class, school, group), in one query; spaces without any are absent.</summary>
    Task<IReadOnlyDictionary<Guid, int>> ToValidateAsync(IReadOnlyCollection<Guid> scopeIds, CancellationToken ct = default);
}
