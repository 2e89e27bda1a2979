using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Skills.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Skills;

public sealed record CellChange(Guid PupilId, Guid ItemId, SkillState State);

/// <summary>Records validations: the current state per pupil and item, and an event per change, in one save.</summary>
public sealed class SkillsActions(PreauDbContext db, TimeProvider time)
{
    /// <summary>
    /// Applies the cells that changed. The caller has checked that the pupils are in the class and the items in the
    /// referential. The teacher's name is copied as text: renaming or deleting their account later changes nothing.
    /// </summary>
    public async Task<int> SaveAsync(IReadOnlyList<CellChange> cells, Guid teacherId, string className, CancellationToken ct = default)
    {
        if (cells.Count == 0)
        {
            return 0;
        }
        var teacherName = await db.Persons.AsNoTracking().Where(p => p.Id == teacherId)
            .Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct) ?? "";
        var pupils = cells.Select(c => c.PupilId).Distinct().ToList();
        var items = cells.Select(c => c.ItemId).Distinct().ToList();
        var current = await db.SkillsValidations.Where(v => pupils.Contains(v.PupilId) && items.Contains(v.ItemId))
            .ToDictionaryAsync(v => (v.PupilId, v.ItemId), ct);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var cell in cells)
        {
            current.TryGetValue((cell.PupilId, cell.ItemId), out var v);
            var from = v?.State ?? SkillState.NotAssessed;
            if (from == cell.State)
            {
                continue;
            }
            if (v is null)
            {
                db.SkillsValidations.Add(v = new Validation { PupilId = cell.PupilId, ItemId = cell.ItemId, TeacherName = teacherName });
                current[(cell.PupilId, cell.ItemId)] = v;
            }
            v.State = cell.State;
            v.ChangedAt = now;
            v.TeacherId = teacherId;
            v.TeacherName = teacherName;
            db.SkillsValidationEvents.Add(new ValidationEvent
            {
                PupilId = cell.PupilId, ItemId = cell.ItemId, From = from, To = cell.State, At = now,
                TeacherId = teacherId, TeacherName = teacherName, ClassName = className,
            });
            changed++;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }
}
