using System.Globalization;

namespace Preau.Web.Modules.Quizzes;

/// <summary>Opening windows are chosen and shown in the school's time, Europe/Paris; stored in UTC.</summary>
public static class QuizTime
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"mardi 3 mars à 18:00".</summary>
    public static string At(DateTime utc) => Platform.Time.ParisDate.ToParis(utc).ToString("dddd d MMMM 'à' HH:mm", French);

    /// <summary>The value of a datetime-local input.</summary>
    public static string Input(DateTime? utc) => utc is { } u ? Platform.Time.ParisDate.ToParis(u).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";
}
