using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Training;

/// <summary>The training sessions the person registered for, and whether they attended.</summary>
internal sealed class TrainingPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "TrainingRegistrations";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct) =>
        await (from r in db.TrainingRegistrations.AsNoTracking()
               where r.PersonId == personId
               join s in db.TrainingSessions.AsNoTracking() on r.SessionId equals s.Id
               orderby s.StartsAt descending
               select new { s.Topic, s.StartsAt, s.Place, r.RegisteredAt, r.Attended }).ToListAsync(ct);
}
