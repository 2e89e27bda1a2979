using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Skills;

/// <summary>A pupil's digital skills: where each item stands, and every change with who made it.</summary>
internal sealed class SkillsPersonalData(PreauDbContext db) : IPersonalDataSection, IPersonalDataErasure
{
    public string Name => "DigitalSkills";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var current = await (from v in db.SkillsValidations.AsNoTracking()
                             where v.PupilId == personId
                             join i in db.SkillsItems.AsNoTracking() on v.ItemId equals i.Id
                             orderby i.ReferentialCode, i.Code
                             select new { Referential = i.ReferentialCode, i.Code, i.Label, State = v.State.ToString(), v.ChangedAt, Teacher = v.TeacherName })
            .ToListAsync(ct);
        var history = await (from e in db.SkillsValidationEvents.AsNoTracking()
                             where e.PupilId == personId
                             join i in db.SkillsItems.AsNoTracking() on e.ItemId equals i.Id
                             orderby e.At descending
                             select new { e.At, Referential = i.ReferentialCode, i.Code, From = e.From.ToString(), To = e.To.ToString(), Teacher = e.TeacherName, Class = e.ClassName })
            .ToListAsync(ct);
        return new { Items = current, History = history };
    }

    /// <summary>The pupil's sheet and its history: nobody else's record.</summary>
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        await db.SkillsValidationEvents.Where(e => ids.Contains(e.PupilId)).ExecuteDeleteAsync(ct);
        await db.SkillsValidations.Where(v => ids.Contains(v.PupilId)).ExecuteDeleteAsync(ct);
    }
}
