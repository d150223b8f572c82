// Azure's health check of the app: a standard availability test of Application Insights calls GET /api/health/ready
// (Tables, Service Bus and SMTP reachable) from three regions every five minutes, and an alert mails the operators when
// two of them fail. Flex Consumption has no platform health check (siteConfig.healthCheckPath), so this is the one
// that works on it; on a Premium or Dedicated plan, set healthCheckPath to '/api/health' (liveness) as well.

@description('Location of the availability test (the Application Insights component\'s region).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the Application Insights component the test reports to.')
param applicationInsightsName string

@description('Host name of the function app.')
param appHostName string

@description('Action group that mails the operators.')
param actionGroupId string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var testName = 'readiness'

resource readiness 'Microsoft.Insights/webtests@2022-06-15' = {
  name: testName
  location: location
  // The portal lists a test under its component by this tag.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: testName
    Name: 'Readiness (GET /api/health/ready)'
    Description: 'Tables, Service Bus and SMTP reachable from the function app.'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'emea-nl-ams-azr' }
      { Id: 'emea-gb-db3-azr' }
      { Id: 'emea-fr-pra-edge' }
    ]
    Request: {
      RequestUrl: 'https://${appHostName}/api/health/ready'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource readinessAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'readiness-failed'
  location: 'global'
  tags: tags
  properties: {
    description: 'GET /api/health/ready failed from two regions: a dependency is unreachable or the app is down. First step: open /api/health/ready (the failing check is named, with its error type), then that service\'s own health and the function-failures alert.'
    severity: 1
    enabled: true
    scopes: [
      readiness.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: readiness.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}
