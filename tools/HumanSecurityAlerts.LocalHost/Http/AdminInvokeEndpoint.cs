using HumanSecurityAlerts.LocalHost.Functions;

namespace HumanSecurityAlerts.LocalHost.Http;

/// <summary>
/// The host's admin API for running a non-HTTP function now: <c>POST /admin/functions/{name}</c> (body
/// <c>{"input":""}</c>, ignored for timers), answered 202 Accepted while the function runs. Like Core Tools, the local
/// host asks for no master key.
/// </summary>
internal static class AdminInvokeEndpoint
{
    public static IEndpointRouteBuilder MapAdminInvoke(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("admin/functions/{name}", async (string name, FunctionIndex index, TimerFunctionInvoker invoker, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
        {
            var functions = await index.Indexed.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is not { Trigger: TimerTriggerBinding timer } function)
            {
                return Results.NotFound();
            }

            // Runs on after the answer, until it ends or the host stops; the invoker logs how it went.
            _ = invoker.InvokeAsync(function, timer, false, "This function was programmatically called via the host APIs.", lifetime.ApplicationStopping);
            return Results.Accepted();
        });
        return endpoints;
    }
}
