using Preau.Web.Modules.Notifications.Contracts;

namespace Preau.Web.Modules.Notifications;

internal static class NotificationLabels
{
    /// <summary>A French key for the localizer.</summary>
    public static string Kind(NotificationKind kind) => kind switch
    {
        NotificationKind.Message => "Messagerie",
        NotificationKind.LiaisonNote => "Cahier de liaison",
        NotificationKind.LiaisonReminder => "Rappel du cahier de liaison",
        NotificationKind.News => "Actualités",
        NotificationKind.BlogArticle => "Blog",
        NotificationKind.Homework => "Cahier de textes",
        NotificationKind.ForumReport => "Forum",
        NotificationKind.Group => "Groupes",
        NotificationKind.TownHallRequest => "Demandes à la mairie",
        NotificationKind.Training => "Formations",
        NotificationKind.Subscription => "Abonnement",
        NotificationKind.Helpdesk => "Assistance",
        NotificationKind.Security => "Sécurité du compte",
        _ => "Notification",
    };

    /// <summary>"mardi 3 mars à 18:05", in the schools' time zone.</summary>
    public static string At(DateTime utc) =>
        Platform.Time.ParisDate.ToParis(utc).ToString("dddd d MMMM 'à' HH:mm");
}
