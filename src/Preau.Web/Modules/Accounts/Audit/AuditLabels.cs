using Preau.Web.Modules.Accounts.Data;

namespace Preau.Web.Modules.Accounts.Audit;

public static class AuditLabels
{
    public static string Outcome(LoginOutcome outcome) => outcome switch
    {
        LoginOutcome.Success => "Connexion réussie",
        LoginOutcome.BadCredentials => "Mot de passe incorrect",
        LoginOutcome.LockedOut => "Compte bloqué temporairement",
        LoginOutcome.Disabled => "Compte désactivé",
        LoginOutcome.TwoFactorRequired => "Code de vérification demandé",
        LoginOutcome.TwoFactorFailed => "Code de vérification incorrect",
        LoginOutcome.RateLimited => "Trop de tentatives",
        _ => outcome.ToString(),
    };
}
