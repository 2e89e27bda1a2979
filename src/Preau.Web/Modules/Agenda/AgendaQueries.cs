using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Agenda;

public sealed class AgendaQueries(PreauDbContext db, StampedCache cache, IRememberedResults remembered)
{
    /// <summary>The events of the agendas that have an occurrence in [from, to) (Paris days), in one query.</summary>
    internal Task<List<AgendaEvent>> EventsAsync(IReadOnlyCollection<Guid> agendaIds, DateOnly from, DateOnly to, CancellationToken ct) =>
        Events(db, [.. agendaIds], Platform.Time.ParisDate.StartUtc(from), Platform.Time.ParisDate.StartUtc(to), from.AddDays(-1)).ToListAsync(ct).AsTask();

    /// <summary>
    /// The same for the home page's coming events, remembered for the person (ADR 0041) while nothing changes in these
    /// agendas. The events are shared by later requests: read, never changed.
    /// </summary>
    internal Task<List<AgendaEvent>> UpcomingEventsAsync(Guid personId, IReadOnlyCollection<Guid> agendaIds, DateOnly from, DateOnly to, CancellationToken ct) =>
        remembered.GetAsync(Upcoming, personId, (from, to), agendaIds, c => EventsAsync(agendaIds, from, to, c), ct);

    private static readonly System.Linq.Expressions.Expression<Func<PreauDbContext, List<Guid>, DateTime, DateTime, DateOnly, IQueryable<AgendaEvent>>> EventsQuery =
        (db, agendaIds, start, end, firstDay) =>
            db.AgendaEvents.AsNoTracking().Where(e => agendaIds.Contains(e.AgendaId) && e.StartsAt < end
                && (e.EndsAt >= start || (e.RepeatUntil != null && e.RepeatUntil >= firstDay)));

    // Compiled once: the home page and the agenda run it for every visit (see MailQueries.Unread).
    private static readonly Func<PreauDbContext, List<Guid>, DateTime, DateTime, DateOnly, IAsyncEnumerable<AgendaEvent>> Events = EF.CompileAsyncQuery(EventsQuery);

    /// <summary>The coming events, remembered: an event is placed by its agenda, and read whole.</summary>
    internal static readonly RememberedStatement Upcoming = new("agenda-upcoming", EventsQuery, ["AgendaId"], wholeRows: [typeof(AgendaEvent)]);

    public async Task<string> ZoneAsync(CancellationToken ct) => (await HolidayCalendarAsync(ct)).Zone;

    public async Task<List<HolidayPeriod>> HolidaysAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        [.. (await HolidayCalendarAsync(ct)).Periods.Where(h => h.FirstDay < to && h.LastDay >= from)];

    /// <summary>
    /// The territory's zone and its holidays (a few dozen periods), read by every agenda page and replaced a few times
    /// a year: kept under the access stamp, which saving either raises (<see cref="Platform.Auth.AccessStamp.Concerns(Type)"/>).
    /// </summary>
    internal Task<HolidayCalendar> HolidayCalendarAsync(CancellationToken ct) =>
        cache.GetAsync("agenda:holidays", async c =>
        {
            var zone = await db.AgendaSettings.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Zone).FirstOrDefaultAsync(c) ?? "A";
            var periods = await db.AgendaHolidays.AsNoTracking().Where(h => h.Zone == zone).OrderBy(h => h.FirstDay).ToListAsync(c);
            return new HolidayCalendar(zone, periods);
        }, ct);

    internal sealed record HolidayCalendar(string Zone, IReadOnlyList<HolidayPeriod> Periods);
}
