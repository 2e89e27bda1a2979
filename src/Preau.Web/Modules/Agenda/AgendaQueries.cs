using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Agenda;

public sealed class AgendaQueries(PreauDbContext db)
{
    /// <summary>The events of the agendas that have an occurrence in [from, to) (Paris days), in one query.</summary>
    internal async Task<List<AgendaEvent>> EventsAsync(IReadOnlyCollection<Guid> agendaIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = ParisTime.MidnightUtc(from);
        var end = ParisTime.MidnightUtc(to);
        var firstDay = from.AddDays(-1);
        return await db.AgendaEvents.AsNoTracking()
            .Where(e => agendaIds.Contains(e.AgendaId) && e.StartsAt < end
                && (e.EndsAt >= start || (e.RepeatUntil != null && e.RepeatUntil >= firstDay)))
            .ToListAsync(ct);
    }

    public async Task<string> ZoneAsync(CancellationToken ct) =>
        await db.AgendaSettings.AsNoTracking().Select(s => s.Zone).FirstOrDefaultAsync(ct) ?? "A";

    public async Task<List<HolidayPeriod>> HolidaysAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var zone = await ZoneAsync(ct);
        return await db.AgendaHolidays.AsNoTracking()
            .Where(h => h.Zone == zone && h.FirstDay < to && h.LastDay >= from).OrderBy(h => h.FirstDay).ToListAsync(ct);
    }
}
