using System.Globalization;
using Preau.Web.Platform.Time;

namespace Preau.Web.Modules.Homework;

/// <summary>Days and deadlines of the cahier de textes are those of the school, in Europe/Paris.</summary>
public static class HomeworkTime
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>A day and time in Paris, as UTC (the drop box deadline).</summary>
    public static DateTime ToUtc(DateOnly day, TimeOnly at) => ParisDate.ToUtc(day.ToDateTime(at));

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

    /// <summary>"mardi 3 mars à 18:00", in Paris.</summary>
    public static string At(DateTime utc) => ParisDate.ToParis(utc).ToString("dddd d MMMM 'à' HH:mm", French);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
