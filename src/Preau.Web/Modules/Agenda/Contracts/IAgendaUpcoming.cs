namespace Preau.Web.Modules.Agenda.Contracts;

/// <summary>What the home page shows of the agendas: the next events a person may read.</summary>
public interface IAgendaUpcoming
{
    /// <summary>
    /// The occurrences (recurring events expanded) of every agenda the person may read, between two Paris days
    /// ([from, to)), earliest first, at most <paramref name="max"/>. A fixed number of queries.
    /// </summary>
    Task<IReadOnlyList<UpcomingEvent>> GetAsync(Guid personId, DateOnly from, DateOnly to, int max, CancellationToken ct = default);
}

/// <summary>An occurrence; times are Paris wall-clock times.</summary>
public sealed record UpcomingEvent(Guid AgendaId, string AgendaLabel, string Title, string? Place, bool AllDay, DateTime LocalStart, DateTime LocalEnd)
{
    public string Url => $"/agenda/{AgendaId}?vue=semaine&date={LocalStart:yyyy-MM-dd}";
}

/// <summary>How an upcoming event's time reads on the home page: « mardi 3 mars, 08:30 ».</summary>
public static class AgendaFormat
{
    public static string When(UpcomingEvent e) =>
        ParisTime.Day(DateOnly.FromDateTime(e.LocalStart)) + (e.AllDay ? "" : ", " + ParisTime.Time(e.LocalStart));
}
