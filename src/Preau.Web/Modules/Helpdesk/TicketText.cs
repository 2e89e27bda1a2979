using Preau.Web.Modules.Helpdesk.Data;

namespace Preau.Web.Modules.Helpdesk;

/// <summary>French labels (keys of the localizer) of the help desk's values.</summary>
public static class TicketText
{
    public static string Status(TicketStatus s) => s switch
    {
        TicketStatus.New => "Nouvelle",
        TicketStatus.InProgress => "En cours",
        TicketStatus.WaitingForAuthor => "En attente de votre réponse",
        TicketStatus.Closed => "Close",
        _ => s.ToString(),
    };

    public static string Level(TicketLevel l) => l == TicketLevel.Level2 ? "Niveau 2" : "Niveau 1";

    public static string Category(TicketCategory c) => c switch
    {
        TicketCategory.Connexion => "Connexion et mot de passe",
        TicketCategory.Messagerie => "Messagerie",
        TicketCategory.Documents => "Documents et fichiers",
        TicketCategory.CahierDeTextes => "Cahier de textes et de liaison",
        TicketCategory.Blogs => "Blogs, albums et forums",
        TicketCategory.Comptes => "Comptes, classes et imports",
        _ => "Autre",
    };

    public static string Event(TicketEventKind k) => k switch
    {
        TicketEventKind.Created => "a ouvert la demande",
        TicketEventKind.Reply => "a répondu",
        TicketEventKind.InternalNote => "note interne",
        TicketEventKind.Escalated => "a transmis la demande au niveau 2",
        TicketEventKind.ReturnedToLevel1 => "a renvoyé la demande au niveau 1",
        TicketEventKind.Assigned => "a pris la demande en charge",
        TicketEventKind.StatusChanged => "a changé le statut",
        TicketEventKind.Rated => "a donné son avis",
        TicketEventKind.ConsentGiven => "a autorisé la prise en main à distance",
        TicketEventKind.ConsentWithdrawn => "a retiré l'autorisation de prise en main",
        TicketEventKind.ImpersonationStarted => "a commencé une prise en main à distance",
        TicketEventKind.ImpersonationEnded => "a terminé la prise en main à distance",
        _ => k.ToString(),
    };

    /// <summary>"2 h 05", "3 j 4 h": first-response and resolution times.</summary>
    public static string Duration(TimeSpan d) => d.TotalDays >= 1
        ? $"{(int)d.TotalDays} j {d.Hours} h"
        : d.TotalHours >= 1 ? $"{(int)d.TotalHours} h {d.Minutes:00}" : $"{Math.Max(0, (int)d.TotalMinutes)} min";
}
