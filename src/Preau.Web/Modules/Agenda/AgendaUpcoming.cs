using Preau.Web.Modules.Agenda.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Agenda;

internal sealed class AgendaUpcoming(AccessContext context, AgendaDirectory directory, AgendaQueries queries) : IAgendaUpcoming
{
    public async Task<IReadOnlyList<UpcomingEvent>> GetAsync(Guid personId, DateOnly from, DateOnly to, int max, CancellationToken ct = default)
    {
        var access = context.PersonId == personId ? await context.GetAsync(ct) : await context.ForPersonAsync(personId, ct);
        var agendas = await directory.ListAsync(access, ct);
        var events = await queries.UpcomingEventsAsync(personId, [.. agendas.Select(a => a.Id)], from, to, ct);
        // The holidays are read (from memory) only when an event skips them.
        var holidays = events.Any(e => e.SkipHolidays) ? (await queries.HolidayCalendarAsync(ct)).Periods : null;
        return
        [
            .. Occurrences.Expand(events, from, to, holidays).Take(max).Select(o => new UpcomingEvent(o.Event.AgendaId,
                agendas.First(a => a.Id == o.Event.AgendaId).Label, o.Event.Title, o.Event.Place, o.AllDay, o.LocalStart, o.LocalEnd)),
        ];
    }
}
