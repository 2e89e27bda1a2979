using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Preau.Web.Modules.Site.Errors;

[AllowAnonymous]
[Preau.Web.Modules.Accounts.AllowPendingSteps]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Message) = code switch
        {
            404 => ("Page introuvable", "Cette page n'existe pas ou vous n'y avez pas accès."),
            403 => ("Accès refusé", "Votre compte ne permet pas d'ouvrir cette page."),
            429 => ("Trop de tentatives", "Patientez une minute avant de réessayer."),
            400 => ("Demande incorrecte", "Le formulaire a expiré ou n'est pas valable. Rechargez la page et recommencez."),
            _ => ("Une erreur s'est produite", "Réessayez dans quelques instants. Si le problème continue, contactez l'assistance."),
        };
        Message = Platform.Errors.ErrorPageText.Get(HttpContext) ?? Message;
        if (code is not null)
        {
            Response.StatusCode = code.Value;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
