using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Accounts.Login;

[Authorize(Policy = Policies.SignedIn)]
[AllowPendingSteps]
[AllowWhenLeft]
public sealed class LogoutModel(SignInManager<PreauUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/connexion");
    }
}
