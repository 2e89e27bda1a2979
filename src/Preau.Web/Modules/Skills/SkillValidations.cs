using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Skills.Contracts;
using Preau.Web.Modules.Skills.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Skills;

internal sealed class SkillValidations(SkillsQueries queries, SkillsActions actions, PreauDbContext db) : ISkillValidations
{
    public async Task<IReadOnlyList<SkillItemRef>> ActiveItemsAsync(CancellationToken ct = default) =>
        [.. (await queries.ReferentialsAsync(ct: ct)).SelectMany(r => r.Items.Where(i => !i.Retired).Select(i => new SkillItemRef(i.Id, r.Referential.Name, i.Code, i.Label)))];

    public async Task<IReadOnlySet<(Guid PupilId, Guid ItemId)>> AcquiredAsync(IReadOnlyCollection<Guid> pupilIds, IReadOnlyCollection<Guid> itemIds, CancellationToken ct = default)
    {
        var pupils = pupilIds.ToList();
        var items = itemIds.ToList();
        var rows = await db.SkillsValidations.AsNoTracking()
            .Where(v => pupils.Contains(v.PupilId) && items.Contains(v.ItemId) && v.State == SkillState.Acquired)
            .Select(v => new { v.PupilId, v.ItemId }).ToListAsync(ct);
        return rows.Select(r => (r.PupilId, r.ItemId)).ToHashSet();
    }

    public Task<int> ValidateAsync(IReadOnlyList<(Guid PupilId, Guid ItemId)> pairs, Guid teacherId, string className, CancellationToken ct = default) =>
        actions.SaveAsync([.. pairs.Select(p => new CellChange(p.PupilId, p.ItemId, SkillState.Acquired))], teacherId, className, ct);
}
