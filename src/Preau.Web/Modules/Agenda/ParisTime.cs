using System.Globalization;

namespace Preau.Web.Modules.Agenda;

/// <summary>Agendas are entered and shown in Paris time and stored in UTC.</summary>
internal static class ParisTime
{
    public const string ZoneId = "Europe/Paris";
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« mardi 3 mars » as the product writes dates.</summary>
    public static string Day(DateOnly day) => day.ToString("dddd d MMMM", French);

    public static string DayWithYear(DateOnly day) => day.ToString("dddd d MMMM yyyy", French);

    public static string Month(DateOnly day) => day.ToString("MMMM yyyy", French);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
