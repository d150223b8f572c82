// HumanSecurityAlerts on Azure: a .NET 10 isolated Function App on the Flex Consumption plan, with Table
// Storage, Service Bus (entities from servicebus-entities.json), Key Vault and Application Insights.
// Every connection is identity-based (one user-assigned managed identity); no key or connection string
// with a secret is written anywhere. Deployed by `azd up` (azure.yaml at the repository root).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name: names the resource group and seeds the unique suffix of every resource.')
param environmentName string

@minLength(1)
@description('Region of every resource. Pick one that offers the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the developer running azd, granted data access for debugging; empty for none.')
param principalId string = ''

@description('Type of principalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param principalType string = 'User'

@description('Resource group name; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('SMTP server host name.')
param smtpHost string

@description('SMTP server port (587: STARTTLS submission).')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP transport security (Auto: TLS on connect for port 465, else STARTTLS when offered).')
@allowed(['Auto', 'StartTls', 'SslOnConnect'])
param smtpSecurity string = 'Auto'

@description('SMTP user name; empty when the server needs no authentication.')
param smtpUserName string = ''

@description('Sender address of every email.')
param smtpFromAddress string

@description('Sender display name of every email.')
param smtpFromName string = 'Human Security Alerts'

@description('SMTP password, stored in Key Vault. Empty: keep the secret already in the vault (or set it later).')
@secure()
param smtpPassword string = ''

@description('Admin API key (at least 32 characters), stored in Key Vault. Empty: keep the secret already in the vault (or set it later).')
@secure()
param adminApiKey string = ''

@description('Base64 of 32 random bytes encrypting webhook secrets and tokens at rest, stored in Key Vault. Empty: keep the secret already in the vault (or set it later).')
@secure()
param subscriptionsEncryptionKey string = ''

@description('Trust Entra ID sign-ins by App Service Authentication for the admin endpoints (only with App Service Authentication configured on the app).')
param adminTrustAppServiceAuthentication bool = false

@description('Public base URL of the service (links in emails, webhooks and feeds); empty: the Function App\'s default host name.')
param siteBaseUrl string = ''

@description('NCRONTAB schedule of the feed ingestion timer (FeedsSchedule).')
param feedsSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule of the fan-out drain timer (FanOutSchedule); an admin release also starts it at once.')
param fanOutSchedule string = '*/30 * * * * *'

@description('NCRONTAB schedule of the deliveries drain timer (DeliverySchedule); retries are scheduled messages it picks up.')
param deliverySchedule string = '*/30 * * * * *'

@description('NCRONTAB schedule of the daily digest (DailyDigestSchedule), UTC.')
param dailyDigestSchedule string = '0 0 7 * * *'

@description('NCRONTAB schedule of the weekly digest (WeeklyDigestSchedule), UTC; default Mondays.')
param weeklyDigestSchedule string = '0 0 7 * * 1'

@description('RSS 2.0 / Atom feeds to read: [{ name: \'...\', url: \'https://...\' }].')
param feedSources array = []

@description('Most instances the Function App scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Function App instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Days a deleted Key Vault or secret can be recovered (purge protection is on).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here (deploy-time values), so What-If can predict every resource.
var identityName = 'id-api-${resourceToken}'
var logAnalyticsName = 'log-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var serviceBusNamespaceName = 'sb-${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var planName = 'plan-${resourceToken}'
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package'

// Key Vault secret names; the app settings below reference them.
var smtpPasswordSecretName = 'smtp-password'
var adminApiKeySecretName = 'admin-api-key'
var subscriptionsEncryptionKeySecretName = 'subscriptions-encryption-key'

// Tables the app uses (TableStorage__tablePrefix + logical name); the app also creates them on first use.
var tablePrefix = 'hsa'
var tableNames = [
  'FeedStates'
  'Outbox'
  'Publications'
  'PublicationsByPillar'
  'SubscriberIndex'
  'Subscribers'
  'SubscriberTokens'
]

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: identityName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: storageAccountName
    deploymentContainerName: deploymentContainerName
    tableNames: [for table in tableNames: '${tablePrefix}${table}']
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    location: location
    tags: tags
    name: serviceBusNamespaceName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: keyVaultName
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
}

// Written only when a value is given: an empty parameter keeps the secret already in the vault.
module smtpPasswordSecret 'modules/keyvault-secret.bicep' = if (!empty(smtpPassword)) {
  name: 'secret-smtp-password'
  scope: rg
  params: {
    keyVaultName: keyVaultName
    name: smtpPasswordSecretName
    value: smtpPassword
  }
  dependsOn: [
    keyVault
  ]
}

module adminApiKeySecret 'modules/keyvault-secret.bicep' = if (!empty(adminApiKey)) {
  name: 'secret-admin-api-key'
  scope: rg
  params: {
    keyVaultName: keyVaultName
    name: adminApiKeySecretName
    value: adminApiKey
  }
  dependsOn: [
    keyVault
  ]
}

module subscriptionsEncryptionKeySecret 'modules/keyvault-secret.bicep' = if (!empty(subscriptionsEncryptionKey)) {
  name: 'secret-subscriptions-encryption-key'
  scope: rg
  params: {
    keyVaultName: keyVaultName
    name: subscriptionsEncryptionKeySecretName
    value: subscriptionsEncryptionKey
  }
  dependsOn: [
    keyVault
  ]
}

module roleAssignments 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    // The identity's principal id is known only at run time; role assignment names need it (see the module).
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    storageAccountName: storageAccountName
    serviceBusNamespaceName: serviceBusNamespaceName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [
    storage
    serviceBus
    keyVault
    monitoring
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: planName
    name: functionAppName
    azdServiceName: 'api'
    identityId: identity.outputs.id
    deploymentBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The identity must hold its roles before the host starts and before azd uploads the package.
  dependsOn: [
    roleAssignments
  ]
}

// A versionless reference: the app picks up a new secret version within a day, or at once on restart.
var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

// Feeds__Sources__<i>__Url / __Name, as FeedsOptions binds them.
var feedSourceSettings = reduce(range(0, length(feedSources)), {}, (all, i) => union(all, {
  'Feeds__Sources__${i}__Url': feedSources[i].url
  'Feeds__Sources__${i}__Name': feedSources[i].?name ?? ''
}))

module appSettings 'modules/app-settings.bicep' = {
  name: 'app-settings'
  scope: rg
  params: {
    functionAppName: functionAppName
    settings: union(feedSourceSettings, {
      // Functions host storage, identity-based (Flex Consumption: no FUNCTIONS_WORKER_RUNTIME here, the
      // runtime is in functionAppConfig). HTTP and Timer triggers need blobs only.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint

      // Telemetry with Entra ID authentication (Application Insights has local authentication off).
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'

      // Application settings: sections of the options classes (SectionName__Property).
      TableStorage__tableServiceUri: storage.outputs.tableEndpoint
      TableStorage__clientId: identity.outputs.clientId
      TableStorage__tablePrefix: tablePrefix
      ServiceBus__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBus__clientId: identity.outputs.clientId
      Smtp__Host: smtpHost
      Smtp__Port: string(smtpPort)
      Smtp__Security: smtpSecurity
      Smtp__UserName: smtpUserName
      Smtp__Password: keyVaultReference(keyVaultUri, smtpPasswordSecretName)
      Smtp__FromAddress: smtpFromAddress
      Smtp__FromName: smtpFromName
      Admin__ApiKey: keyVaultReference(keyVaultUri, adminApiKeySecretName)
      Admin__TrustAppServiceAuthentication: string(adminTrustAppServiceAuthentication)
      Subscriptions__EncryptionKey: keyVaultReference(keyVaultUri, subscriptionsEncryptionKeySecretName)
      Site__BaseUrl: empty(siteBaseUrl) ? 'https://${functionApp.outputs.defaultHostName}' : siteBaseUrl
      // In Azure webhooks go to public https endpoints only.
      Webhooks__AllowPrivateNetworks: 'false'
      // Binding expression of the IngestFeeds timer (a flat name: see IngestFeeds).
      FeedsSchedule: feedsSchedule
      // Binding expressions of the delivery timers (flat names, like FeedsSchedule).
      FanOutSchedule: fanOutSchedule
      DeliverySchedule: deliverySchedule
      DailyDigestSchedule: dailyDigestSchedule
      WeeklyDigestSchedule: weeklyDigestSchedule
    })
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_ENDPOINT string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
