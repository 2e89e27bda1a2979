using Preau.Web.Modules.Helpdesk.Impersonation;

namespace Preau.Web.Modules.Helpdesk.Contracts;

/// <summary>Whether the help desk is acting as the signed-in person in this request (with their consent, ADR 0013).</summary>
public static class RemoteAssistance
{
    public static bool IsActingAs(HttpContext context) => context.Items.ContainsKey(ImpersonationMiddleware.ItemKey);
}
