namespace Preau.Web.Modules.LiaisonBook.Contracts;

/// <summary>What the home page shows of the cahier de liaison: counts, never the notes themselves.</summary>
public interface ILiaisonCounts
{
    /// <summary>
    /// One query for each side, counted by the database: for each class the person teaches or directs, the signatures still missing;
    /// for each of their children (in a class), the notes they still have to sign.
    /// </summary>
    Task<LiaisonCounts> GetAsync(IReadOnlyCollection<Guid> staffClassIds, IReadOnlyCollection<Guid> childClassIds, CancellationToken ct = default);
}

public sealed record LiaisonCounts(IReadOnlyDictionary<Guid, int> MissingByClass, IReadOnlyDictionary<(Guid ChildId, Guid ClassId), int> ToSignByChild)
{
    public static readonly LiaisonCounts Empty = new(new Dictionary<Guid, int>(), new Dictionary<(Guid, Guid), int>());
}
