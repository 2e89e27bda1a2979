using Preau.Web.Modules.TownHallRequests.Data;

namespace Preau.Web.Modules.TownHallRequests;

/// <summary>French keys for the localizer (each has its English entry in SharedResource.en.resx).</summary>
public static class TownHallLabels
{
    public static string Status(RequestStatus status) => status switch
    {
        RequestStatus.New => "Nouvelle",
        RequestStatus.InProgress => "En cours",
        RequestStatus.Done => "Terminée",
        RequestStatus.Refused => "Refusée",
        _ => "Inconnu",
    };

    /// <summary>The button that moves a request to <paramref name="status"/>.</summary>
    public static string Action(RequestStatus status) => status switch
    {
        RequestStatus.InProgress => "Prendre en charge",
        RequestStatus.Done => "Marquer comme terminée",
        RequestStatus.Refused => "Refuser la demande",
        _ => "Changer le statut",
    };

    public static string Urgency(RequestUrgency urgency) => urgency switch
    {
        RequestUrgency.Low => "Peu urgente",
        RequestUrgency.High => "Urgente",
        _ => "Normale",
    };

    /// <summary>"2 j 4 h", "3 h 20 min", "12 min": the order of magnitude an agent reads at a glance.</summary>
    public static string Duration(TimeSpan d) =>
        d.TotalDays >= 1 ? $"{(int)d.TotalDays} j {d.Hours} h"
        : d.TotalHours >= 1 ? $"{(int)d.TotalHours} h {d.Minutes} min"
        : $"{Math.Max(0, (int)d.TotalMinutes)} min";

    /// <summary>"03/03/2027 18:05" in the schools' time zone.</summary>
    public static string At(DateTime utc) =>
        Platform.Time.ParisDate.ToParis(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
