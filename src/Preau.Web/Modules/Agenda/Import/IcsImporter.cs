using Ical.Net;
using Ical.Net.DataTypes;
using Preau.Web.Modules.Agenda.Data;

namespace Preau.Web.Modules.Agenda.Import;

/// <summary>
/// Reads the events of an iCalendar file. The repetitions Préau keeps as a rule — every day, Monday to Friday, every one
/// to four weeks on the start's weekday, every month on the same date or the same weekday of the same rank, until a date
/// or a count, with cancelled dates — are kept; any other is refused with a message naming the event, since expanding
/// it silently would make a series that can no longer be edited as one.
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
            var (unit, weeks) = (RepeatUnit.Week, 1);
            string? except = null;
            // One day of a series changed on its own (RECURRENCE-ID): an event of its own, which its series leaves out.
            if (e.RecurrenceIdentifier?.StartTime is { } recurrence)
            {
                var day = DateOnly.FromDateTime(recurrence.IsFloating || !recurrence.HasTime ? recurrence.Value : Platform.Time.ParisDate.ToParis(recurrence.AsUtc));
                events.Add(new AgendaEvent
                {
                    Title = title[..Math.Min(200, title.Length)], Place = Cut(e.Location, 200), Description = Cut(e.Description, 4000),
                    AllDay = allDay, StartsAt = start, EndsAt = end, SeriesDay = day,
                    ImportUid = e.Uid is null ? null : Cut(e.Uid, 300 - DayKey.Length) + "#" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                });
                continue;
            }
            if (e.RecurrenceRule is not null || e.RecurrenceDates.GetAllDates().Any())
            {
                var rule = e.RecurrenceRule;
                var startLocal = Platform.Time.ParisDate.ToParis(start);
                var startDay = DateOnly.FromDateTime(startLocal);
                if (rule is null || e.RecurrenceDates.GetAllDates().Any() || rule.ByMonth.Count > 0 || rule.BySetPosition.Count > 0
                    || UnitOf(rule, startLocal) is not { } kind)
                {
                    skipped.Add($"« {title} » : cette répétition n'est pas de celles que Préau connaît (chaque jour, du lundi au vendredi, chaque semaine ou toutes les deux à quatre semaines, chaque mois) ; l'événement n'a pas été importé. Créez-le à la main.");
                    continue;
                }
                (unit, weeks) = kind;
                var probe = new AgendaEvent { Title = "", StartsAt = start, EndsAt = end, RepeatUnit = unit, RepeatWeeks = weeks, RepeatUntil = startDay.AddYears(2) };
                until = rule.Until is { } u ? DateOnly.FromDateTime(u.IsFloating || !u.HasTime ? u.Value : Platform.Time.ParisDate.ToParis(u.AsUtc))
                    : rule.Count is { } c ? Occurrences.Days(probe).Take(Math.Max(1, c)).DefaultIfEmpty(startDay).Last()
                    : startDay.AddYears(1);
                // Cancelled dates (EXDATE) become days taken out of the series.
                except = Occurrences.FormatExceptions(e.ExceptionDates.GetAllDates()
                    .Select(x => DateOnly.FromDateTime(x.IsFloating || !x.HasTime ? x.Value : Platform.Time.ParisDate.ToParis(x.AsUtc))));
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
                RepeatUnit = unit,
                RepeatWeeks = weeks,
                ExceptDays = except,
                ImportUid = Cut(e.Uid, 300),
            });
        }
        // Each changed day is left out of its series when the series is in the file; alone, it stays an ordinary event.
        foreach (var single in events.Where(x => x.SeriesDay is not null).ToList())
        {
            var series = single.ImportUid is null ? null : events.FirstOrDefault(x => x.RepeatUntil is not null && x.ImportUid == SeriesUid(single.ImportUid));
            if (series is null)
            {
                single.SeriesDay = null;
                continue;
            }
            var excepted = Occurrences.ExceptedDays(series);
            excepted.Add(single.SeriesDay!.Value);
            series.ExceptDays = Occurrences.FormatExceptions(excepted);
        }
        return new(events, skipped, null);
    }

    /// <summary>« #2027-01-12 »: what the import key of a changed day adds to its series' key.</summary>
    private const string DayKey = "#yyyy-MM-dd";

    /// <summary>The import key of the series a changed day belongs to.</summary>
    public static string SeriesUid(string dayUid) => dayUid[..^DayKey.Length];

    private static readonly DayOfWeek[] SchoolWeek = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The rhythm of a rule Préau can keep as one series, or null.</summary>
    private static (RepeatUnit, int)? UnitOf(RecurrenceRule rule, DateTime start)
    {
        var days = rule.ByDay;
        var rank = (start.Day - 1) / 7 + 1;
        return rule.Frequency switch
        {
            FrequencyType.Daily when rule.Interval == 1 && days.Count == 0 && rule.ByMonthDay.Count == 0 => (RepeatUnit.Day, 1),
            FrequencyType.Weekly when rule.Interval == 1 && days.Count == 5 && days.All(d => d.Offset is null)
                && days.Select(d => d.DayOfWeek).Order().SequenceEqual(SchoolWeek.Order()) && SchoolWeek.Contains(start.DayOfWeek) => (RepeatUnit.Weekday, 1),
            FrequencyType.Weekly when rule.Interval is >= 1 and <= Occurrences.MaxWeeks && rule.ByMonthDay.Count == 0
                && days.All(d => d.DayOfWeek == start.DayOfWeek && d.Offset is null) => (RepeatUnit.Week, rule.Interval),
            FrequencyType.Monthly when rule.Interval == 1 && days.Count == 0 && rule.ByMonthDay.All(d => d == start.Day) => (RepeatUnit.MonthDay, 1),
            FrequencyType.Monthly when rule.Interval == 1 && rule.ByMonthDay.Count == 0 && days.Count == 1 && days[0].DayOfWeek == start.DayOfWeek
                && (days[0].Offset == rank || (days[0].Offset == -1 && rank == 5)) => (RepeatUnit.MonthWeekday, 1),
            _ => null,
        };
    }

    /// <summary>A time without zone (floating) is taken as Paris time.</summary>
    private static DateTime ToUtc(CalDateTime t) => t.IsFloating ? Platform.Time.ParisDate.ToUtc(t.Value) : t.AsUtc;

    private static string? Cut(string? s, int max) =>
        string.IsNullOrWhiteSpace(s) ? null : s.Trim()[..Math.Min(max, s.Trim().Length)];
}
