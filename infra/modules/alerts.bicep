// Alert rules and the action group that mails the operators. Each rule's name says what broke; its description (and
// infra/README.md) says the first step to take. Service Bus entities come from servicebus-entities.json; Service Bus
// metrics are per queue or topic (EntityName), so a subscription's rule watches its topic.

@description('Location of the log alert rules (the workspace\'s region).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Email address of the operators.')
param emailAddress string

@description('Name of the Log Analytics workspace the log alerts query (FunctionAppLogs, AppRequests, AppTraces, AzureDiagnostics).')
param logAnalyticsName string

@description('Name of the Service Bus namespace.')
param serviceBusNamespaceName string

@description('Active messages that, sustained for 30 minutes, mean the drains are not keeping up.')
@minValue(1)
param backlogThreshold int

var definitions = loadJsonContent('../servicebus-entities.json').UserConfig.Namespaces[0]
var watchedEntities = concat(
  map(definitions.?Queues ?? [], q => { label: q.Name, entityName: q.Name }),
  flatten(map(definitions.?Topics ?? [], t => map(t.?Subscriptions ?? [], s => { label: '${t.Name}-${s.Name}', entityName: t.Name })))
)

// Text the app logs; BicepTemplateTests checks both against the code.
var keyVaultReferenceRefusal = 'is an unresolved Key Vault reference'
var webhookDisabled = 'Disabled webhook subscriber'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'hsa-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: emailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

func metricCriteria(metricName string, entityName string, aggregation string, threshold int) object => {
  'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
  allOf: [
    {
      criterionType: 'StaticThresholdCriterion'
      name: metricName
      metricNamespace: 'Microsoft.ServiceBus/namespaces'
      metricName: metricName
      dimensions: [
        {
          name: 'EntityName'
          operator: 'Include'
          values: [
            entityName
          ]
        }
      ]
      operator: 'GreaterThan'
      threshold: threshold
      timeAggregation: aggregation
    }
  ]
}

resource deadLetterAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for entity in watchedEntities: {
    name: 'dead-letters-${entity.label}'
    location: 'global'
    tags: tags
    properties: {
      description: 'Messages were dead-lettered in ${entity.label}. First step: list them (GET /api/manage/dead-letters for deliveries, Service Bus Explorer otherwise), fix the cause, then replay (POST /api/manage/dead-letters/replay) or resend the publication.'
      severity: 2
      enabled: true
      scopes: [
        serviceBus.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: metricCriteria('DeadletteredMessages', entity.entityName, 'Maximum', 0)
      autoMitigate: true
      actions: [
        {
          actionGroupId: operators.id
        }
      ]
    }
  }
]

resource backlogAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for entity in watchedEntities: {
    name: 'backlog-${entity.label}'
    location: 'global'
    tags: tags
    properties: {
      description: 'More than ${backlogThreshold} messages have waited in ${entity.label} for 30 minutes: the drain is failing or too slow. First step: look at the function-failures alert and the drain functions\' logs (FunctionAppLogs).'
      severity: 2
      enabled: true
      scopes: [
        serviceBus.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT30M'
      criteria: metricCriteria('ActiveMessages', entity.entityName, 'Minimum', backlogThreshold)
      autoMitigate: true
      actions: [
        {
          actionGroupId: operators.id
        }
      ]
    }
  }
]

func logCriteria(query string, dimension string?) object => {
  allOf: [
    {
      query: query
      timeAggregation: 'Count'
      operator: 'GreaterThan'
      threshold: 0
      dimensions: dimension == null
        ? []
        : [
            {
              name: dimension
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
      failingPeriods: {
        numberOfEvaluationPeriods: 1
        minFailingPeriodsToAlert: 1
      }
    }
  ]
}

var logAlerts = [
  {
    name: 'function-failures'
    severity: 1
    description: 'A function invocation failed (HTTP and timers alike). First step: open the failed invocations in Application Insights (Failures) and read the exception.'
    // Requests are never sampled (host.json), so every failure counts.
    query: 'AppRequests | where Success == false | project TimeGenerated, Function = Name'
    dimension: 'Function'
  }
  {
    name: 'key-vault-reference-failures'
    severity: 0
    description: 'A Key Vault reference did not resolve, or the app refused to start on an unresolved one. First step: Function App > Environment variables shows each reference\'s status; check the secret exists and the app identity holds Key Vault Secrets User.'
    query: 'union isfuzzy=true (AzureDiagnostics | where ResourceProvider == "MICROSOFT.KEYVAULT" and OperationName == "SecretGet" and toint(httpStatusCode_d) >= 400), (FunctionAppLogs | where Message has "${keyVaultReferenceRefusal}"), (AppTraces | where Message has "${keyVaultReferenceRefusal}"), (AppExceptions | where OuterMessage has "${keyVaultReferenceRefusal}")'
    dimension: null
  }
  {
    name: 'webhook-endpoint-disabled'
    severity: 3
    description: 'A webhook endpoint failed for too long and was disabled. First step: find the subscriber id in the log line; the endpoint\'s owner re-verifies it (POST /api/subscriptions/manage/{token}/verify) once it answers again.'
    query: 'union isfuzzy=true (FunctionAppLogs | where Message startswith "${webhookDisabled}"), (AppTraces | where Message startswith "${webhookDisabled}")'
    dimension: null
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in logAlerts: {
    name: rule.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.name
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        workspace.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      // Tables appear with their first row; a fresh workspace has none yet.
      skipQueryValidation: true
      criteria: logCriteria(rule.query, rule.dimension)
      autoMitigate: true
      actions: {
        actionGroups: [
          operators.id
        ]
      }
    }
  }
]

output actionGroupId string = operators.id
