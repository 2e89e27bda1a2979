using Ical.Net;
using Ical.Net.DataTypes;
using Preau.Web.Modules.Agenda.Data;

namespace Preau.Web.Modules.Agenda.Import;

/// <summary>
/// Reads the events of an iCalendar file. Weekly repetitions (every one to four weeks, on the start's weekday, until a date or a
/// count) are kept as a rule; any other repetition is refused with a message naming the event, since expanding it
/// silently would make a series that can no longer be edited as one.
/// </summary>
internal static class IcsImporter
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxEvents = 1000;

    public sealed record Result(List<AgendaEvent> Events, List<string> Skipped, string? Error);

    public static Result Read(string text)
    {
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            calendar = null;
        }
        if (calendar is null)
        {
            return new([], [], "Ce fichier n'est pas un fichier iCalendar (.ics) lisible. Exportez à nouveau l'agenda au format .ics et réessayez.");
        }
        if (calendar.Events.Count == 0)
        {
            return new([], [], "Ce fichier ne contient aucun événement : vérifiez qu'il s'agit bien d'un export d'agenda au format .ics.");
        }
        if (calendar.Events.Count > MaxEvents)
        {
            return new([], [], $"Ce fichier contient plus de {MaxEvents} événements : importez une période plus courte.");
        }
        var events = new List<AgendaEvent>();
        var skipped = new List<string>();
        foreach (var e in calendar.Events)
        {
            var title = string.IsNullOrWhiteSpace(e.Summary) ? "Sans titre" : e.Summary.Trim();
            if (e.DtStart is null)
            {
                skipped.Add($"« {title} » : pas de date de début.");
                continue;
            }
            var allDay = !e.DtStart.HasTime;
            DateTime start, end;
            if (allDay)
            {
                var last = e.DtEnd is { } de ? de.Date.AddDays(-1) : e.DtStart.Date;
                start = Platform.Time.ParisDate.StartUtc(e.DtStart.Date);
                end = Platform.Time.ParisDate.StartUtc((last < e.DtStart.Date ? e.DtStart.Date : last).AddDays(1));
            }
            else
            {
                start = ToUtc(e.DtStart);
                end = e.DtEnd is { } de ? ToUtc(de) : e.Duration is { } d ? start.Add(d.ToTimeSpanUnspecified()) : start.AddHours(1);
                if (end < start)
                {
                    end = start;
                }
            }
            DateOnly? until = null;
            if (e.RecurrenceRule is not null || e.RecurrenceDates.GetAllDates().Any())
            {
                var rule = e.RecurrenceRule;
                var startDay = DateOnly.FromDateTime(Platform.Time.ParisDate.ToParis(start));
                if (rule is null || rule.Frequency != FrequencyType.Weekly || rule.Interval > Occurrences.MaxWeeks || e.RecurrenceDates.GetAllDates().Any()
                    || rule.ByDay.Any(d => d.DayOfWeek != startDay.DayOfWeek) || rule.ByMonth.Count > 0 || rule.ByMonthDay.Count > 0 || rule.BySetPosition.Count > 0)
                {
                    skipped.Add($"« {title} » : cette répétition n'est pas « chaque semaine » ni « toutes les deux à quatre semaines » ; l'événement n'a pas été importé. Créez-le à la main.");
                    continue;
                }
                until = rule.Until is { } u ? DateOnly.FromDateTime(u.IsFloating || !u.HasTime ? u.Value : Platform.Time.ParisDate.ToParis(u.AsUtc))
                    : rule.Count is { } c ? startDay.AddDays(7 * Math.Max(1, rule.Interval) * (c - 1))
                    : startDay.AddYears(1);
                if (e.ExceptionDates.GetAllDates().Any())
                {
                    skipped.Add($"« {title} » : importé chaque semaine, mais ses dates annulées ne sont pas reprises ; supprimez-les à la main.");
                }
            }
            events.Add(new AgendaEvent
            {
                Title = title[..Math.Min(200, title.Length)],
                Place = Cut(e.Location, 200),
                Description = Cut(e.Description, 4000),
                AllDay = allDay,
                StartsAt = start,
                EndsAt = end,
                RepeatUntil = until,
                RepeatWeeks = until is null ? 1 : Math.Max(1, e.RecurrenceRule!.Interval),
                ImportUid = Cut(e.Uid, 300),
            });
        }
        return new(events, skipped, null);
    }

    /// <summary>A time without zone (floating) is taken as Paris time.</summary>
    private static DateTime ToUtc(CalDateTime t) => t.IsFloating ? Platform.Time.ParisDate.ToUtc(t.Value) : t.AsUtc;

    private static string? Cut(string? s, int max) =>
        string.IsNullOrWhiteSpace(s) ? null : s.Trim()[..Math.Min(max, s.Trim().Length)];
}
