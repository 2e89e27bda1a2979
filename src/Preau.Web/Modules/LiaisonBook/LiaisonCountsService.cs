using Preau.Web.Modules.LiaisonBook.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.LiaisonBook;

internal sealed class LiaisonCountsService(LiaisonQueries queries, AccessContext context) : ILiaisonCounts
{
    public async Task<LiaisonCounts> GetAsync(IReadOnlyCollection<Guid> staffClassIds, IReadOnlyCollection<Guid> childClassIds, CancellationToken ct = default)
    {
        if (staffClassIds.Count == 0 && childClassIds.Count == 0)
        {
            return LiaisonCounts.Empty;
        }
        var a = await context.GetAsync(ct);
        var missing = staffClassIds.Count > 0 ? await queries.MissingSignaturesByClassAsync(a.PersonId, staffClassIds, ct) : [];
        Dictionary<(Guid ChildId, Guid ClassId), int> toSign = [];
        if (childClassIds.Count > 0)
        {
            // A family's own notes and signatures only: every family of a class opens this each evening.
            toSign = await queries.NotesToSignAsync(childClassIds, a.ChildIds, a.PersonId, ct);
        }
        return new LiaisonCounts(missing, toSign);
    }
}
