using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Notifications.Data;

namespace Preau.Web.Modules.Notifications;

/// <summary>
/// The French e-mails. They carry a title and a link, never the content itself; for what a pupil wrote, not even
/// the title ("du nouveau"), since the mail box may be shared or read by someone else.
/// </summary>
internal static class NotificationMail
{
    public sealed record Line(NotificationKind Kind, string Title, string Url, bool FromPupilContent);

    private const string Footer =
        "\n\nPour choisir quand vous recevez ces courriels (à chaque notification, un résumé par jour ou jamais) :\n{0}/compte/notifications\n\nCe message est envoyé automatiquement, merci de ne pas y répondre.\n";

    private const string SecurityBody =
        "Bonjour,\n\n{0}.\n\nSi c'est vous, il n'y a rien à faire.\nSinon, changez votre mot de passe et utilisez « Me déconnecter de tous les appareils » :\n{1}{2}"
        + "\n\nVous recevez ce courriel quel que soit votre choix de notifications, car il concerne la sécurité de votre compte.\nCe message est envoyé automatiquement, merci de ne pas y répondre.\n";

    public static (string Subject, string Body) Single(Line line, string publicUrl)
    {
        if (line.Kind == NotificationKind.Security)
        {
            return ($"Préau : {OneLine(line.Title)}",
                string.Format(System.Globalization.CultureInfo.InvariantCulture, SecurityBody, OneLine(line.Title), publicUrl, line.Url));
        }
        var shown = Shown(line);
        var subject = line.FromPupilContent ? "Préau : du nouveau pour vous" : $"Préau : {OneLine(line.Title)}";
        var body = $"Bonjour,\n\n{shown}\n\nPour le voir, connectez-vous à Préau :\n{publicUrl}{line.Url}" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Footer, publicUrl);
        return (subject, body);
    }

    public static (string Subject, string Body) Digest(IReadOnlyList<Line> lines, string publicUrl)
    {
        var subject = lines.Count == 1 ? "Préau : votre résumé du jour (1 notification)" : $"Préau : votre résumé du jour ({lines.Count} notifications)";
        var list = string.Join("\n", lines.Select(l => $"- {Shown(l)}\n  {publicUrl}{l.Url}"));
        var body = $"Bonjour,\n\nVoici ce qui est nouveau pour vous dans Préau depuis hier et que vous n'avez pas encore lu :\n\n{list}\n\nToutes vos notifications :\n{publicUrl}/notifications"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Footer, publicUrl);
        return (subject, body);
    }

    private static string Shown(Line line) => line.FromPupilContent ? "Du nouveau vous attend dans Préau." : OneLine(line.Title);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    internal static EmailMode Effective(EmailMode? stored) => stored ?? EmailMode.EachNotification;
}
