using Preau.Web.Modules.Accounts.Data;

namespace Preau.Web.Modules.Accounts.Gdpr;

internal static class GdprLabels
{
    public static string Kind(GdprRequestKind kind) => kind switch
    {
        GdprRequestKind.Access => "Accès à ses données",
        GdprRequestKind.Rectification => "Rectification",
        GdprRequestKind.Erasure => "Effacement",
        GdprRequestKind.Objection => "Opposition",
        GdprRequestKind.Restriction => "Limitation",
        _ => "Portabilité",
    };
}
