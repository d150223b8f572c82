using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using HumanSecurityAlerts.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>
/// Calls a function method as the isolated worker would: a new instance per invocation from DI, the trigger
/// parameter, route values bound by name, a cancellation token.
/// </summary>
internal static class FunctionInvoker
{
    public static async Task InvokeHttpAsync(HttpFunctionDescriptor function, HttpContext context)
    {
        var edge = context.RequestServices.GetRequiredService<HttpEdge>();
        object? result;
        try
        {
            result = await edge.CheckAsync(context.Request, HttpEdge.IsClientRateLimited(function.Method), context.RequestAborted).ConfigureAwait(false);
            if (result is null)
            {
                var arguments = function.Method.GetParameters().Select(p => BindHttp(p, context)).ToArray();
                result = await InvokeAsync(function.Method, context.RequestServices, arguments).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionInvoker)).LogError(e, "Function {FunctionName} failed", function.Name);
            result = Problems.Status(StatusCodes.Status500InternalServerError, "Internal error.", "The request failed; nothing is known to have changed.");
        }

        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor())).ConfigureAwait(false);
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context).ConfigureAwait(false);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await context.Response.WriteAsJsonAsync(result, result.GetType(), context.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    public static Task InvokeTimerAsync(TimerFunctionDescriptor function, IServiceProvider services, bool isPastDue, CancellationToken cancellationToken)
    {
        var arguments = function.Method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(TimerInfo) => new TimerInfo { IsPastDue = isPastDue },
            var t when t == typeof(CancellationToken) => (object)cancellationToken,
            _ => throw Unsupported(function.Method, p),
        }).ToArray();
        return InvokeAsync(function.Method, services, arguments);
    }

    private static object? BindHttp(ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        if (context.GetRouteValue(parameter.Name!) is { } value)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            return type == typeof(string) ? value.ToString() : Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        throw Unsupported(parameter.Member, parameter);
    }

    private static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, object?[] arguments)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        try
        {
            var returned = method.Invoke(target, arguments);
            switch (returned)
            {
                case Task task:
                    await task.ConfigureAwait(false);
                    var resultProperty = task.GetType().GetProperty(nameof(Task<object>.Result));
                    return resultProperty is null || resultProperty.PropertyType.Name == "VoidTaskResult" ? null : resultProperty.GetValue(task);
                case ValueTask valueTask:
                    await valueTask.ConfigureAwait(false);
                    return null;
                default:
                    return returned;
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            if (target is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (target is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    private static NotSupportedException Unsupported(MemberInfo member, ParameterInfo parameter) =>
        new($"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of {member.DeclaringType?.Name}.{member.Name}.");
}
