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
        var missing = new Dictionary<Guid, int>();
        var toSign = new Dictionary<(Guid, Guid), int>();
        if (staffClassIds.Count > 0)
        {
            var staff = staffClassIds.ToHashSet();
            var board = await queries.ForClassesAsync(staffClassIds, countsOnly: true, ct: ct);
            foreach (var noteId in board.Notes.Keys)
            {
                foreach (var p in board.Addressed(noteId).Where(p => staff.Contains(p.ClassId) && !board.IsSigned(noteId, p.Id)))
                {
                    missing[p.ClassId] = missing.GetValueOrDefault(p.ClassId) + 1;
                }
            }
        }
        if (childClassIds.Count > 0)
        {
            // A family's own notes and signatures only: every family of a class opens this each evening.
            var board = await queries.ForFamilyAsync(childClassIds, a.ChildIds, countsOnly: true, ct);
            foreach (var noteId in board.Notes.Keys)
            {
                foreach (var p in board.Addressed(noteId).Where(p => board.MustSign(noteId, p.Id, a.PersonId)))
                {
                    toSign[(p.Id, p.ClassId)] = toSign.GetValueOrDefault((p.Id, p.ClassId)) + 1;
                }
            }
        }
        return new LiaisonCounts(missing, toSign);
    }
}
