using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Communication;

/// <summary>A pupil's messaging closed on request says something about the family: it goes with the pupil's data.</summary>
internal sealed class CommunicationPersonalData(PreauDbContext db) : IPersonalDataErasure
{
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        await db.PupilMessagingClosures.Where(c => ids.Contains(c.PupilId)).ExecuteDeleteAsync(ct);
    }
}
