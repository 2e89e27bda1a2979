using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Accounts.Charters;

[Authorize(Policy = Policies.SignedIn)]
[AllowPendingSteps]
public sealed class AcceptModel(UserManager<PreauUser> users, CharterService charters, TimeProvider time) : PageModel
{
    public Charter? Charter { get; private set; }
    public bool ForChild { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int version, bool accept)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        if (Charter is null)
        {
            return Redirect("/");
        }
        if (!accept)
        {
            ModelState.AddModelError("accept", ForChild ? "Coche la case pour dire que tu as lu la charte." : "Cochez la case pour accepter la charte.");
            return Page();
        }
        // Accepting an older text (a form left open while a new version was published) does not count.
        if (version != Charter.Version)
        {
            ModelState.AddModelError(string.Empty, "La charte vient d'être mise à jour : lisez la nouvelle version puis acceptez-la.");
            return Page();
        }
        user.CharterVersionAccepted = Charter.Version;
        user.CharterAcceptedAt = time.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        return Redirect("/");
    }

    private async Task LoadAsync(PreauUser user)
    {
        ForChild = user.IsPupil;
        Charter = await charters.CurrentAsync(CharterService.AudienceOf(user));
    }
}
