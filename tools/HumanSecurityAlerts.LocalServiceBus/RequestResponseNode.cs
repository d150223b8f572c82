using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// The request/response pattern behind <c>$cbs</c> and <c>&lt;entity&gt;/$management</c>: requests arrive on one
/// link, and each reply goes on the link whose target is the request's reply-to address, correlated by message id.
/// A reply link with no or an empty target address (rhea's $cbs link) is known by its link name, which the requests' reply-to carries.
/// </summary>
internal sealed class RequestResponseNode
{
    private const uint RequestCredit = 50;

    private readonly ConcurrentDictionary<string, SendingAmqpLink> replyLinks = new(StringComparer.Ordinal);

    public void AttachReplyLink(SendingAmqpLink link)
    {
        string replyTo = (link.Settings.Target as Target)?.Address?.ToString() is { Length: > 0 } address ? address : link.Name;
        replyLinks[replyTo] = link;
        link.Closed += (_, _) => replyLinks.TryRemove(new KeyValuePair<string, SendingAmqpLink>(replyTo, link));
    }

    public void AttachRequestLink(ReceivingAmqpLink link, Func<AmqpMessage, AmqpMessage> handler)
    {
        link.RegisterMessageListener(request => OnRequest(link, request, handler));
        link.SetTotalLinkCredit(RequestCredit, true, true);
    }

    public static AmqpMessage CreateResponse(int statusCode, string description, AmqpMap? body = null, AmqpSymbol? errorCondition = null)
    {
        AmqpMessage response = AmqpMessage.Create(new AmqpValue { Value = body ?? new AmqpMap() });
        response.ApplicationProperties.Map[AmqpNames.StatusCode] = statusCode;
        response.ApplicationProperties.Map[AmqpNames.StatusDescription] = description;
        if (errorCondition is { } condition)
        {
            response.ApplicationProperties.Map[AmqpNames.ErrorCondition] = condition;
        }

        return response;
    }

    private void OnRequest(ReceivingAmqpLink link, AmqpMessage request, Func<AmqpMessage, AmqpMessage> handler)
    {
        using (request)
        {
            AmqpMessage response = handler(request);
            if (!request.Settled)
            {
                link.DisposeMessage(request, AmqpConstants.AcceptedOutcome, true, false);
            }

            if (request.Properties?.ReplyTo?.ToString() is not { } replyTo || !replyLinks.TryGetValue(replyTo, out SendingAmqpLink? replyLink))
            {
                response.Dispose();
                return;
            }

            response.Properties.CorrelationId = request.Properties.MessageId;
            response.Settled = true;
            replyLink.SendMessageNoWait(response, AmqpConstants.EmptyBinary, AmqpConstants.NullBinary);
        }
    }
}
