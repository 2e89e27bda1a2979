using System.Globalization;

namespace Preau.Web.Modules.Homework;

/// <summary>Days and deadlines of the cahier de textes are those of the school, in Europe/Paris.</summary>
public static class HomeworkTime
{
    private static readonly TimeZoneInfo Paris = FindParis();
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static DateTime ParisNow(TimeProvider time) => TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, Paris);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ParisNow(time));

    /// <summary>A day and time in Paris, as UTC (the drop box deadline).</summary>
    public static DateTime ToUtc(DateOnly day, TimeOnly at) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(at), DateTimeKind.Unspecified), Paris);

    /// <summary>The next school day after <paramref name="day"/>: Friday's and Saturday's next day is Monday.</summary>
    public static DateOnly NextSchoolDay(DateOnly day)
    {
        var next = day.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            next = next.AddDays(1);
        }
        return next;
    }

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>"mardi 3 mars".</summary>
    public static string Day(DateOnly day) => day.ToString("dddd d MMMM", French);

    /// <summary>A UTC instant as Paris wall-clock time.</summary>
    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris);

    /// <summary>"mardi 3 mars à 18:00", in Paris.</summary>
    public static string At(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris).ToString("dddd d MMMM 'à' HH:mm", French);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
