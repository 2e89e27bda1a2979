using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Agenda;

/// <summary>The agenda events the person wrote (their personal agenda's among them).</summary>
internal sealed class AgendaPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "AgendaEvents";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct) =>
        await db.AgendaEvents.AsNoTracking().Where(e => e.AuthorId == personId).OrderByDescending(e => e.StartsAt)
            .Select(e => new { e.Title, e.StartsAt, e.EndsAt, e.AllDay, e.RepeatUntil, e.Place, e.Description, e.CreatedAt }).ToListAsync(ct);
}
