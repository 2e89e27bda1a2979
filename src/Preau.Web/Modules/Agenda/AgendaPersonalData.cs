using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Agenda;

/// <summary>The agenda events the person wrote (their personal agenda's among them).</summary>
internal sealed class AgendaPersonalData(PreauDbContext db) : IPersonalDataSection, IPersonalDataErasure
{
    public string Name => "AgendaEvents";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct) =>
        await db.AgendaEvents.AsNoTracking().Where(e => e.AuthorId == personId).OrderByDescending(e => e.StartsAt)
            .Select(e => new { e.Title, e.StartsAt, e.EndsAt, e.AllDay, e.RepeatUntil, e.Place, e.Description, e.CreatedAt }).ToListAsync(ct);

    /// <summary>The personal agenda with its events, and every private subscription link of the person.</summary>
    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.ToList();
        var own = db.Agendas.Where(a => a.Kind == AgendaKind.Personal && ids.Contains(a.OwnerId)).Select(a => a.Id);
        await db.AgendaFeedTokens.Where(t => ids.Contains(t.PersonId) || own.Contains(t.AgendaId)).ExecuteDeleteAsync(ct);
        await db.AgendaEvents.Where(e => own.Contains(e.AgendaId)).ExecuteDeleteAsync(ct);
        await db.Agendas.Where(a => a.Kind == AgendaKind.Personal && ids.Contains(a.OwnerId)).ExecuteDeleteAsync(ct);
    }
}
