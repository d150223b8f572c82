// Service Bus namespace (Standard, Entra ID only) whose queues, topics, subscriptions and rules come from
// infra/servicebus-entities.json: the same file the local broker and the official emulator read (its
// Config.json shape), so local runs and Azure never drift apart. Only the first namespace of the file is used.

@description('Location of the namespace.')
param location string

@description('Tags applied to the namespace.')
param tags object

@description('Name of the namespace (6-50 characters).')
@minLength(6)
@maxLength(50)
param name string

@description('Reachable through a private endpoint only (network.bicep); private endpoints need the Premium tier.')
param privateOnly bool = false

var entities = loadJsonContent('../servicebus-entities.json').UserConfig.Namespaces[0]
var queueDefinitions = entities.?Queues ?? []
var topicDefinitions = entities.?Topics ?? []

// One flat list of subscriptions (and of rules) with the index of their parent, so each resource names its parent.
var subscriptionDefinitions = flatten(map(
  range(0, length(topicDefinitions)),
  t => map(topicDefinitions[t].?Subscriptions ?? [], s => { topicIndex: t, definition: s })
))
var ruleDefinitions = flatten(map(
  range(0, length(subscriptionDefinitions)),
  s => map(any(subscriptionDefinitions[s].definition).?Rules ?? [], r => { subscriptionIndex: s, definition: r })
))

// The emulator writes "" for "no forwarding"; Azure wants the property absent.
func forwardTarget(value string?) string? => empty(value ?? '') ? null : value

func isSqlFilter(filterType string?) bool => contains(['sql', 'sqlfilter'], toLower(filterType ?? ''))

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: privateOnly
    ? {
        name: 'Premium'
        tier: 'Premium'
        capacity: 1
      }
    : {
        name: 'Standard'
        tier: 'Standard'
      }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [
  for queue in queueDefinitions: {
    parent: namespace
    name: queue.Name
    properties: {
      deadLetteringOnMessageExpiration: queue.Properties.?DeadLetteringOnMessageExpiration
      defaultMessageTimeToLive: queue.Properties.?DefaultMessageTimeToLive
      duplicateDetectionHistoryTimeWindow: queue.Properties.?DuplicateDetectionHistoryTimeWindow
      forwardDeadLetteredMessagesTo: forwardTarget(queue.Properties.?ForwardDeadLetteredMessagesTo)
      forwardTo: forwardTarget(queue.Properties.?ForwardTo)
      lockDuration: queue.Properties.?LockDuration
      maxDeliveryCount: queue.Properties.?MaxDeliveryCount
      requiresDuplicateDetection: queue.Properties.?RequiresDuplicateDetection
      requiresSession: queue.Properties.?RequiresSession
    }
  }
]

resource topics 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = [
  for topic in topicDefinitions: {
    parent: namespace
    name: topic.Name
    properties: {
      defaultMessageTimeToLive: topic.Properties.?DefaultMessageTimeToLive
      duplicateDetectionHistoryTimeWindow: topic.Properties.?DuplicateDetectionHistoryTimeWindow
      requiresDuplicateDetection: topic.Properties.?RequiresDuplicateDetection
    }
  }
]

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscription in subscriptionDefinitions: {
    parent: topics[subscription.topicIndex]
    name: subscription.definition.Name
    properties: {
      deadLetteringOnMessageExpiration: subscription.definition.Properties.?DeadLetteringOnMessageExpiration
      defaultMessageTimeToLive: subscription.definition.Properties.?DefaultMessageTimeToLive
      forwardDeadLetteredMessagesTo: forwardTarget(subscription.definition.Properties.?ForwardDeadLetteredMessagesTo)
      forwardTo: forwardTarget(subscription.definition.Properties.?ForwardTo)
      lockDuration: subscription.definition.Properties.?LockDuration
      maxDeliveryCount: subscription.definition.Properties.?MaxDeliveryCount
      requiresSession: subscription.definition.Properties.?RequiresSession
    }
  }
]

resource rules 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [
  for rule in ruleDefinitions: {
    parent: subscriptions[rule.subscriptionIndex]
    name: rule.definition.Name
    properties: {
      filterType: isSqlFilter(rule.definition.Properties.?FilterType) ? 'SqlFilter' : 'CorrelationFilter'
      sqlFilter: isSqlFilter(rule.definition.Properties.?FilterType)
        ? {
            sqlExpression: rule.definition.Properties.SqlFilter.SqlExpression
          }
        : null
      correlationFilter: isSqlFilter(rule.definition.Properties.?FilterType)
        ? null
        : {
            contentType: rule.definition.Properties.CorrelationFilter.?ContentType
            correlationId: rule.definition.Properties.CorrelationFilter.?CorrelationId
            label: rule.definition.Properties.CorrelationFilter.?Label
            messageId: rule.definition.Properties.CorrelationFilter.?MessageId
            replyTo: rule.definition.Properties.CorrelationFilter.?ReplyTo
            replyToSessionId: rule.definition.Properties.CorrelationFilter.?ReplyToSessionId
            sessionId: rule.definition.Properties.CorrelationFilter.?SessionId
            to: rule.definition.Properties.CorrelationFilter.?To
            properties: rule.definition.Properties.CorrelationFilter.?Properties
          }
      action: empty(rule.definition.Properties.?Action.?SqlExpression ?? '')
        ? null
        : {
            sqlExpression: rule.definition.Properties.Action.SqlExpression
          }
    }
  }
]

output id string = namespace.id
output name string = namespace.name
@description('Host name of the namespace, for ServiceBus__fullyQualifiedNamespace.')
output fullyQualifiedNamespace string = parseUri(namespace.properties.serviceBusEndpoint).host
